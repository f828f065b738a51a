package org.crmhub.audit;

import org.crmhub.security.Viewer;

import org.crmhub.paging.Connection;
import org.crmhub.item.Identified;
import org.crmhub.paging.PageKey;
import org.crmhub.paging.Pager;
import org.dataloader.DataLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The {@code history} field of every audited type, batched across all the items of a response. */
@Configuration(proxyBeanMethods = false)
class AuditGraphQl {

    static final String LOADER = "history";
    static final String[] AUDITED_TYPES = {"WorkPlan", "Workstream", "Task", "Resource", "Indicator"};

    AuditGraphQl(BatchLoaderRegistry registry, AuditTrail trail) {
        registry.<PageKey<Void>, Connection<AuditEntry>>forName(LOADER).registerMappedBatchLoader((keys, env) ->
                PageKey.loadGrouped(keys, (first, items) -> trail.history(Viewer.of(env), items, first.page())));
    }

    @Bean
    RuntimeWiringConfigurer historyFields(Pager pager) {
        return wiring -> {
            for (String type : AUDITED_TYPES) {
                wiring.type(type, t -> t.dataFetcher("history", env -> {
                    var page = pager.request(env.getArgument("first"), env.getArgument("after"), AuditTrail.NEWEST_FIRST);
                    DataLoader<PageKey<Void>, Connection<AuditEntry>> loader = env.getDataLoader(LOADER);
                    return loader.load(new PageKey<>(((Identified) env.getSource()).id(), page, null));
                }));
            }
        };
    }
}
