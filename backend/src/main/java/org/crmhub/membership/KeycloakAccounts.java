package org.crmhub.membership;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import io.micrometer.core.instrument.Metrics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.security.Role;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's only caller of Keycloak's admin API, through its confidential client's service
 * account. Calls are blocking (RESTEasy): {@link MembershipService} runs them off the event loop.
 * Keycloak's failures become typed user errors: a duplicate account CONFLICT, an unreachable or
 * slow server UNAVAILABLE.
 */
@Component
class KeycloakAccounts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeycloakAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String realm;
    private final String serverUrl;
    private final String clientId;
    private final String clientSecret;
    private volatile Keycloak keycloak;

    private final Duration timeout;

    private static final String ADMIN_FAILURES = "hub.keycloak.admin.failures";

    KeycloakAccounts(@Value("${hub.keycloak.url}") String serverUrl, @Value("${hub.keycloak.realm}") String realm,
                     @Value("${hub.keycloak.admin-client-id}") String clientId,
                     @Value("${hub.keycloak.admin-client-secret}") String clientSecret,
                     @Value("${hub.keycloak.admin-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
        this.serverUrl = serverUrl;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        Metrics.counter(ADMIN_FAILURES);   // exported from the start, at 0
    }

    private RealmResource realm() {
        if (keycloak == null) {
            synchronized (this) {
                if (keycloak == null) {
                    keycloak = KeycloakBuilder.builder().serverUrl(serverUrl).realm(realm)
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(clientId).clientSecret(clientSecret)
                            .resteasyClient(new ResteasyClientBuilderImpl()
                                    .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                                    .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build())
                            .build();
                }
            }
        }
        return keycloak.realm(realm);
    }

    /** Creates the account with a temporary password, then joins the group and grants the role. */
    Invitation invite(String email, String firstName, String lastName, String organisationCode, Role role) {
        String password = temporaryPassword();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(true);
        user.setCredentials(List.of(credential));
        String id = call(() -> {
            try (Response response = realm().users().create(user)) {
                if (response.getStatus() == 409) {
                    throw new UserErrorException(UserError.of(ErrorCode.CONFLICT, List.of("input", "email"), "error.emailTaken"));
                }
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
        try {
            call(() -> {
                UserResource created = realm().users().get(id);
                created.joinGroup(group(organisationCode).getId());
                created.roles().realmLevel().add(List.of(realmRole(created, role)));
                return null;
            });
        } catch (RuntimeException e) {
            // nothing half done: the account goes again when any later step fails
            removeQuietly(id);
            throw e;
        }
        return new Invitation(member(id), password);
    }

    record Invitation(Member member, String temporaryPassword) {
    }

    List<Member> membersOf(String organisationCode) {
        return call(() -> {
            List<Member> members = new ArrayList<>();
            for (UserRepresentation user : realm().groups().group(group(organisationCode).getId()).members(0, 500)) {
                members.add(toMember(user, organisationCode));
            }
            return members;
        });
    }

    Optional<Member> find(String id) {
        return call(() -> {
            try {
                return Optional.of(member(id));
            } catch (jakarta.ws.rs.NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    Member changeRole(String id, Role role) {
        return call(() -> {
            UserResource user = realm().users().get(id);
            List<RoleRepresentation> current = user.roles().realmLevel().listAll().stream()
                    .filter(r -> Role.ofClaim(r.getName()).isPresent()).toList();
            if (!current.isEmpty()) {
                user.roles().realmLevel().remove(current);
            }
            user.roles().realmLevel().add(List.of(realmRole(user, role)));
            return member(id);
        });
    }

    Member deactivate(String id) {
        return call(() -> {
            UserResource user = realm().users().get(id);
            UserRepresentation representation = user.toRepresentation();
            representation.setEnabled(false);
            user.update(representation);
            user.logout();
            return member(id);
        });
    }

    private Member member(String id) {
        UserResource resource = realm().users().get(id);
        UserRepresentation user = resource.toRepresentation();
        String group = resource.groups().stream().map(GroupRepresentation::getName).findFirst().orElse(null);
        return toMember(user, group);
    }

    private Member toMember(UserRepresentation user, String organisationCode) {
        String role = realm().users().get(user.getId()).roles().realmLevel().listAll().stream()
                .map(RoleRepresentation::getName).map(Role::ofClaim).flatMap(Optional::stream)
                .map(Role::name).findFirst().orElse(null);
        return new Member(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                role, Boolean.TRUE.equals(user.isEnabled()), organisationCode);
    }

    private GroupRepresentation group(String organisationCode) {
        return realm().groups().groups(organisationCode, true, 0, 10, true).stream()
                .filter(g -> g.getName().equals(organisationCode)).findFirst()
                .orElseThrow(() -> new UserErrorException(UserError.invalid(List.of("input", "organisationId"),
                        "error.noGroupForOrganisation")));
    }

    /** Read from the assignable roles: reading a role by name needs more rights than the hub holds. */
    private static RoleRepresentation realmRole(UserResource user, Role role) {
        return user.roles().realmLevel().listAvailable().stream().filter(r -> r.getName().equals(role.claimValue()))
                .findFirst().orElseThrow(() -> new IllegalStateException("realm role missing: " + role.claimValue()));
    }

    void removeQuietly(String id) {
        try {
            realm().users().delete(id).close();
        } catch (RuntimeException e) {
            log.error("Could not remove the half-created account {}; remove it in Keycloak", id, e);
        }
    }

    private static String temporaryPassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Runs an admin call, turning transport failures and server errors into UNAVAILABLE (counted
     * in the metric {@code hub.keycloak.admin.failures}).
     */
    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (UserErrorException e) {
            throw e;
        } catch (ProcessingException | WebApplicationException e) {
            if (e instanceof jakarta.ws.rs.NotFoundException notFound) {
                throw notFound;
            }
            log.warn("Keycloak admin call failed: {}", e.toString());
            Metrics.counter(ADMIN_FAILURES).increment();
            throw new UserErrorException(UserError.of(ErrorCode.UNAVAILABLE, null, "error.identityServerDown"));
        }
    }

    @Override
    public void destroy() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
