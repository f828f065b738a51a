/**
 * The identity server of the local run and of the tests:
 * {@link org.crmhub.identity.EmbeddedKeycloak} starts the Keycloak distribution that the build
 * unpacked, imports the realm of {@code keycloak/} and points token validation at it. Also the
 * start-up banner that tells where everything listens and how to get a token.
 */
package org.crmhub.identity;
