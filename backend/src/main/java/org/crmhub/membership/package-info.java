/**
 * Members: the people who use the hub, their organisation (a Keycloak group) and their role (a
 * realm role). Who may manage whose account and grant which role, and the hub's only calls to
 * Keycloak's admin API.
 */
package org.crmhub.membership;
