package org.crmhub.visibility;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.Text;
import org.crmhub.security.Grant;
import org.crmhub.security.Revocations;
import org.crmhub.security.Viewer;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Builds the {@link Viewer} once per GraphQL request and puts it in the GraphQL context, where
 * controllers take it with {@code @ContextValue Viewer viewer} and batch loaders find it too. The
 * interceptors after this one find it in the Reactor context under {@code Viewer.class}, next to the
 * clearance that the database's second wall reads.
 */
@Component
@Order(2)
public class ViewerInterceptor implements WebGraphQlInterceptor {

    private final Revocations revocations;

    ViewerInterceptor(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(ctx -> ctx.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> ((JwtAuthenticationToken) auth).getToken())
                .flatMap(jwt -> {
                    // a WebSocket authenticated before a revocation must not run another request
                    if (revocations.isRevoked(jwt)) {
                        return Mono.deferContextual(context -> Mono.just(revoked(context.getOrDefault(Locale.class, Locale.ENGLISH))));
                    }
                    Viewer viewer = Viewer.fromJwt(jwt);
                    Grant grant = Grant.of(jwt);
                    request.configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx
                            .put(Viewer.CONTEXT_KEY, viewer).put(Grant.CONTEXT_KEY, grant)).build());
                    // the database's second wall reads the same viewer's clearance
                    return chain.next(request)
                            .contextWrite(ClearanceConnectionFactory.forViewer(viewer).put(Viewer.class, viewer).put(Grant.class, grant));
                })
                // The security filter chain lets no unauthenticated request reach /graphql; this is a guard.
                .switchIfEmpty(Mono.error(new IllegalStateException("GraphQL request without an authenticated viewer")));
    }

    private static WebGraphQlResponse revoked(Locale language) {
        var error = GraphqlErrorBuilder.newError().errorType(ErrorType.UNAUTHORIZED)
                .message(Text.of("error.revokedSignIn").in(language))
                .extensions(Map.of("code", ErrorCode.UNAUTHENTICATED.name())).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(
                ExecutionInput.newExecutionInput("{__typename}").build(),
                ExecutionResult.newExecutionResult().errors(List.of(error)).build()));
    }
}
