package org.crmhub.support;

import graphql.GraphQLContext;
import org.crmhub.security.Viewer;
import org.dataloader.BatchLoaderEnvironment;

/** Finds the request's {@link Viewer} where controllers cannot take it as an argument. */
public final class Viewers {

    private Viewers() {
    }

    public static Viewer of(BatchLoaderEnvironment env) {
        return ((GraphQLContext) env.getContext()).get(Viewer.CONTEXT_KEY);
    }

    public static Viewer of(GraphQLContext context) {
        return context.get(Viewer.CONTEXT_KEY);
    }
}
