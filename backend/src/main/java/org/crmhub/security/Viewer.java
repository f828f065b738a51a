package org.crmhub.security;

import graphql.GraphQLContext;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataloader.BatchLoaderEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The signed-in user, built once per request from the access token and handed to every layer.
 * Nothing else reads the security context.
 *
 * @param organisationCodes the token's groups: the codes of the organisations the user belongs to
 */
public record Viewer(String username, Set<Role> roles, List<String> organisationCodes) {

    /** The GraphQL context key; controllers take it as {@code @ContextValue Viewer viewer}. */
    public static final String CONTEXT_KEY = "viewer";

    public Viewer {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        organisationCodes = List.copyOf(organisationCodes);
    }

    /** The request's viewer, from the GraphQL context (where controllers cannot take it as an argument). */
    public static Viewer of(GraphQLContext context) {
        return context.get(CONTEXT_KEY);
    }

    /** The request's viewer, seen from a batch loader. */
    public static Viewer of(BatchLoaderEnvironment env) {
        return of((GraphQLContext) env.getContext());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role r : candidates) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a Keycloak-shaped token: {@code preferred_username}, {@code realm_access.roles}, {@code groups}. */
    public static Viewer fromJwt(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        if (username == null || username.isBlank()) {
            username = jwt.getSubject();
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (jwt.getClaim("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> names) {
            names.forEach(name -> Role.ofClaim(String.valueOf(name)).ifPresent(roles::add));
        }
        List<String> groups = jwt.hasClaim("groups") && jwt.getClaim("groups") instanceof Collection<?> g
                ? g.stream().map(String::valueOf).map(Viewer::groupName).toList()
                : List.of();
        return new Viewer(username == null ? "unknown" : username, roles, groups);
    }

    /** Keycloak sends groups as paths ("/SV") unless the mapper asks for short names ("SV"). */
    private static String groupName(String group) {
        int slash = group.lastIndexOf('/');
        return slash >= 0 ? group.substring(slash + 1) : group;
    }
}
