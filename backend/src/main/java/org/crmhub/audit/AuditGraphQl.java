package org.crmhub.audit;

import org.crmhub.item.Identified;
import org.crmhub.item.ItemType;
import org.crmhub.paging.Connection;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import org.crmhub.security.Viewer;
import org.dataloader.DataLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The {@code history} field of every type that shows it, batched across all the items of a response. */
@Configuration(proxyBeanMethods = false)
class AuditGraphQl {

    static final String LOADER = "history";

    AuditGraphQl(BatchLoaderRegistry registry, AuditTrail trail) {
        registry.<PageKey<Void>, Connection<AuditEntry>>forName(LOADER).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, items) -> trail.history(Viewer.of(env), items, first.page())));
    }

    @Bean
    RuntimeWiringConfigurer historyFields(Pager pager) {
        return wiring -> {
            for (ItemType type : ItemType.showing(ItemType.Shows.HISTORY)) {
                wiring.type(type.graphQlType(), t -> t.dataFetcher("history", env -> {
                    var page = pager.request(env.getArgument("first"), env.getArgument("after"), AuditTrail.NEWEST_FIRST,
                            env.getSelectionSet());
                    DataLoader<PageKey<Void>, Connection<AuditEntry>> loader = env.getDataLoader(LOADER);
                    return loader.load(new PageKey<>(((Identified) env.getSource()).id(), page, null));
                }));
            }
        };
    }
}
