package org.crmhub.membership;

import static org.crmhub.errors.Checks.clean;
import static org.crmhub.errors.Checks.input;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.errors.Checks;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.security.Revocations;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Inviting, listing, re-roling and deactivating members, within {@link MembershipRules}. */
@Service
class MembershipService {

    private static final String NETWORK_CODE = "RROCM";

    private final KeycloakAccounts accounts;
    private final Catalogue catalogue;

    private final Revocations revocations;

    MembershipService(KeycloakAccounts accounts, Catalogue catalogue, Revocations revocations) {
        this.accounts = accounts;
        this.catalogue = catalogue;
        this.revocations = revocations;
    }

    record InviteMemberInput(String organisationId, String email, String firstName, String lastName, Role role) {
    }

    record ChangeMemberRoleInput(String memberId, Role role) {
    }

    record DeactivateMemberInput(String memberId) {
    }

    Mono<List<Member>> members(Viewer viewer, String organisationId) {
        return Mono.defer(() -> {
            UUID id = GlobalId.require(organisationId, ItemType.ORGANISATION, List.of("organisationId"));
            return managedOrganisation(viewer, id, List.of("organisationId"))
                    .flatMap(org -> blocking(() -> accounts.membersOf(org.code())));
        });
    }

    Mono<KeycloakAccounts.Invitation> invite(Viewer viewer, InviteMemberInput in) {
        return Mono.defer(() -> {
            UUID orgId = GlobalId.require(in.organisationId(), ItemType.ORGANISATION, input("organisationId"));
            new Checks().requiredText("email", in.email(), 254)
                    .check(in.email() == null || clean(in.email()).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "email", "error.email")
                    .requiredText("firstName", in.firstName(), 100).requiredText("lastName", in.lastName(), 100)
                    .orThrow();
            MembershipRules.requireGrantable(viewer, in.role());
            return managedOrganisation(viewer, orgId, input("organisationId"))
                    .flatMap(org -> blocking(() -> accounts.invite(clean(in.email()).toLowerCase(Locale.ROOT),
                            clean(in.firstName()), clean(in.lastName()), org.code(), in.role())));
        });
    }

    Mono<Member> changeRole(Viewer viewer, ChangeMemberRoleInput in) {
        return Mono.defer(() -> {
            MembershipRules.requireGrantable(viewer, in.role());
            return managedMember(viewer, in.memberId()).flatMap(member -> {
                if (member.role() != null) {
                    MembershipRules.requireGrantable(viewer, Role.valueOf(member.role()));
                }
                // tokens issued with the old role stop working now, on every instance
                return blocking(() -> accounts.changeRole(member.id(), in.role()))
                        .flatMap(changed -> revocations.revoke(member.id()).thenReturn(changed));
            });
        });
    }

    Mono<Member> deactivate(Viewer viewer, DeactivateMemberInput in) {
        return Mono.defer(() -> managedMember(viewer, in.memberId()).flatMap(member -> {
            if (member.username().equals(viewer.username())) {
                throw new UserErrorException(UserError.invalid(input("memberId"), "error.cannotDeactivateSelf"));
            }
            if (member.role() != null) {
                MembershipRules.requireGrantable(viewer, Role.valueOf(member.role()));
            }
            // Keycloak ends the member's sessions; the hub refuses the tokens they still hold
            return blocking(() -> accounts.deactivate(member.id()))
                    .flatMap(deactivated -> revocations.revoke(member.id()).thenReturn(deactivated));
        }));
    }

    /** The member, if the viewer manages their organisation; NOT_FOUND otherwise (or when unknown). */
    private Mono<Member> managedMember(Viewer viewer, String memberId) {
        String id = GlobalId.require(memberId, ItemType.MEMBER, input("memberId")).toString();
        return blocking(() -> accounts.find(id))
                .flatMap(found -> Mono.justOrEmpty(found))
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(input("memberId"))))
                .flatMap(member -> member.organisationCode() == null
                        ? (MembershipRules.grantableRoles(viewer).contains(Role.HUB_ADMIN) || viewer.has(Role.ST_CRM)
                                ? Mono.just(member) : Mono.error(VisibilityPolicy.notFound(input("memberId"))))
                        : catalogue.organisationByCode(member.organisationCode())
                                .zipWith(network())
                                .flatMap(t -> MembershipRules.managesOrganisation(viewer, t.getT1(), t.getT2())
                                        ? Mono.just(member) : Mono.error(VisibilityPolicy.notFound(input("memberId")))));
    }

    private Mono<Organisation> managedOrganisation(Viewer viewer, UUID id, List<String> field) {
        return catalogue.organisation(id)
                .switchIfEmpty(Mono.error(() -> VisibilityPolicy.notFound(field)))
                .zipWith(network())
                .map(t -> {
                    MembershipRules.requireManages(viewer, t.getT1(), t.getT2());
                    return t.getT1();
                });
    }

    private Mono<UUID> network() {
        return catalogue.organisationByCode(NETWORK_CODE).map(Organisation::id).defaultIfEmpty(new UUID(0, 0));
    }

    /** Keycloak's admin client blocks: run it on a worker thread, never on the event loop. */
    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
