package org.crmhub.collaboration;

import java.util.List;
import org.crmhub.collaboration.Comments.AddCommentInput;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.item.Identified;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Connection;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.dataloader.DataLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for comments: the {@code comments} field of every type that takes comments, and addComment. */
@Controller
class CommentController {

    private static final String LOADER = "comments";

    private final Comments comments;

    CommentController(Comments comments, BatchLoaderRegistry registry) {
        this.comments = comments;
        registry.<PageKey<Void>, Connection<Comment>>forName(LOADER).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, subjects) -> comments.commentsOf(Viewer.of(env), subjects, first.page())));
    }

    record CommentPayload(Comment comment, List<UserError> errors) {
    }

    @Bean
    static RuntimeWiringConfigurer commentFields(Pager pager) {
        return wiring -> {
            for (ItemType type : ItemType.showing(ItemType.Shows.COMMENTS)) {
                wiring.type(type.graphQlType(), t -> t.dataFetcher("comments", env -> {
                    var page = pager.request(env.getArgument("first"), env.getArgument("after"), Comments.OLDEST_FIRST,
                            env.getSelectionSet());
                    DataLoader<PageKey<Void>, Connection<Comment>> loader = env.getDataLoader(LOADER);
                    return loader.load(new PageKey<>(((Identified) env.getSource()).id(), page, null));
                }));
            }
        };
    }

    @MutationMapping
    Mono<CommentPayload> addComment(@Argument AddCommentInput input, @ContextValue Viewer viewer) {
        return Payloads.of(comments.add(viewer, input), CommentPayload::new);
    }
}
