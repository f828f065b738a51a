package org.crmhub.membership;

import java.util.List;
import java.util.UUID;
import org.crmhub.catalogue.Catalogue;
import org.crmhub.catalogue.Organisation;
import org.crmhub.errors.Payloads;
import org.crmhub.errors.UserError;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.membership.MembershipService.ChangeMemberRoleInput;
import org.crmhub.membership.MembershipService.DeactivateMemberInput;
import org.crmhub.membership.MembershipService.InviteMemberInput;
import org.crmhub.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** GraphQL for members. */
@Controller
class MembershipController {

    private final MembershipService service;
    private final Catalogue catalogue;

    MembershipController(MembershipService service, Catalogue catalogue) {
        this.service = service;
        this.catalogue = catalogue;
    }

    record InviteMemberPayload(Member member, String temporaryPassword, List<UserError> errors) {
    }

    record MemberPayload(Member member, List<UserError> errors) {
    }

    @QueryMapping
    Mono<List<Member>> members(@Argument String organisationId, @ContextValue Viewer viewer) {
        return service.members(viewer, organisationId);
    }

    @SchemaMapping(typeName = "Member", field = "id")
    String id(Member member) {
        return GlobalId.encode(ItemType.MEMBER, UUID.fromString(member.id()));
    }

    @SchemaMapping(typeName = "Member", field = "organisation")
    Mono<Organisation> organisation(Member member) {
        return member.organisationCode() == null ? Mono.empty() : catalogue.organisationByCode(member.organisationCode());
    }

    @MutationMapping
    Mono<InviteMemberPayload> inviteMember(@Argument InviteMemberInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.invite(viewer, input), (invitation, errors) -> invitation == null
                ? new InviteMemberPayload(null, null, errors)
                : new InviteMemberPayload(invitation.member(), invitation.temporaryPassword(), errors));
    }

    @MutationMapping
    Mono<MemberPayload> changeMemberRole(@Argument ChangeMemberRoleInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.changeRole(viewer, input), MemberPayload::new);
    }

    @MutationMapping
    Mono<MemberPayload> deactivateMember(@Argument DeactivateMemberInput input, @ContextValue Viewer viewer) {
        return Payloads.of(service.deactivate(viewer, input), MemberPayload::new);
    }
}
