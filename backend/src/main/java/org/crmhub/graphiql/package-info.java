/**
 * GraphiQL, served entirely by the hub: the page ({@link org.crmhub.graphiql.GraphiQlPage}), its
 * own script and style under {@code /graphiql/assets/}, and GraphiQL, React, graphql-ws and
 * keycloak-js from WebJars under {@code /webjars/}. Nothing comes from a CDN, and the page's
 * Content-Security-Policy allows no origin but the hub's and the identity server's. Users sign in
 * with the authorization-code flow and PKCE against the realm's public client.
 */
package org.crmhub.graphiql;
