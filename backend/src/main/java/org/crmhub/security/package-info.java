/**
 * Authentication: the stateless OAuth2 resource server that validates Keycloak access tokens
 * ({@link org.crmhub.security.SecurityConfig}), the same check for WebSocket connections on their
 * {@code connection_init} payload (closed when the token expires), the hub's realm roles, and the
 * {@link org.crmhub.security.Viewer} that is built once per request and handed to every layer.
 * Deciding what a viewer may see or do is the job of {@code org.crmhub.visibility}.
 */
package org.crmhub.security;
