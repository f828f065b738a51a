package org.crmhub.membership;

import java.time.Instant;
import java.util.List;
import org.crmhub.item.GlobalId;
import org.crmhub.item.ItemType;
import org.crmhub.security.Revocations;
import org.springframework.beans.factory.annotation.Autowired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import java.util.Map;
import java.util.UUID;
import org.crmhub.embedded.EmbeddedDatabase;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Member management against the real Keycloak, within the matrix of mission.md. */
class MembershipTest extends HubTest {

    private String organisationId(String code) {
        return as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == '" + code + "')].id").entityList(String.class).get().get(0);
    }

    @Autowired
    Revocations revocations;

    private GraphQlTester.Response invite(String role, String code, String email, String grant) {
        return as(role).documentName("inviteMember").variable("input", variables("organisationId", organisationId(code),
                "email", email, "firstName", "Test", "lastName", "Person", "role", grant)).execute();
    }

    private static String email() {
        return "member-" + UUID.randomUUID().toString().substring(0, 8) + "@hub.example";
    }

    private long membersNamed(String code, String email) {
        return as("st-crm").documentName("members").variable("organisationId", organisationId(code)).execute()
                .path("members").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .get().stream().filter(m -> email.equals(m.get("username"))).count();
    }

    @Test
    void stCrmInvitesAGovernmentOfficialThenChangesTheRoleAndDeactivates() {
        String email = email();
        var invited = invite("st-crm", "HN", email, "GOVERNMENT");
        invited.path("inviteMember.errors").entityList(Object.class).hasSize(0)
                .path("inviteMember.member.role").entity(String.class).isEqualTo("GOVERNMENT")
                .path("inviteMember.member.organisation.code").entity(String.class).isEqualTo("HN")
                .path("inviteMember.temporaryPassword").entity(String.class).satisfies(p -> assertThat(p).hasSizeGreaterThan(15));
        String id = invited.path("inviteMember.member.id").entity(String.class).get();
        assertThat(membersNamed("HN", email)).isEqualTo(1);

        String subject = GlobalId.require(id, ItemType.MEMBER, List.of()).toString();
        assertThat(revocations.isRevoked(subject, Instant.now().minusSeconds(5))).as("nothing revoked yet").isFalse();
        as("st-crm").documentName("changeMemberRole").variable("input", variables("memberId", id, "role", "OBSERVER")).execute()
                .path("changeMemberRole.member.role").entity(String.class).isEqualTo("OBSERVER");
        // the tokens issued with the old role are refused from now on (GrantEndTest: what that does)
        assertThat(revocations.isRevoked(subject, Instant.now().minusSeconds(5))).as("revoked at the role change").isTrue();
        Instant afterRoleChange = Instant.now();
        assertThat(revocations.isRevoked(subject, afterRoleChange)).as("a token issued after the role change").isFalse();
        as("hub-admin").documentName("deactivateMember").variable("input", variables("memberId", id)).execute()
                .path("deactivateMember.member.enabled").entity(Boolean.class).isEqualTo(false);
        assertThat(revocations.isRevoked(subject, afterRoleChange)).as("revoked again at the deactivation").isTrue();
    }

    @Test
    void aDuplicateEmailIsAConflictAndCreatesNoSecondAccount() {
        String email = email();
        invite("st-crm", "GT", email, "GOVERNMENT").path("inviteMember.errors").entityList(Object.class).hasSize(0);
        invite("st-crm", "GT", email, "GOVERNMENT").path("inviteMember.errors[0].code").entity(String.class).isEqualTo("CONFLICT")
                .path("inviteMember.member").valueIsNull();
        assertThat(membersNamed("GT", email)).isEqualTo(1);
    }

    @Test
    void stRrocmInvitesOnlyCivilSocietyMembersOfItsNetwork() {
        invite("st-rrocm", "CSO-GT-1", email(), "CIVIL_SOCIETY").path("inviteMember.errors").entityList(Object.class).hasSize(0);
        invite("st-rrocm", "CSO-GT-1", email(), "GOVERNMENT").path("inviteMember.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        invite("st-rrocm", "SV", email(), "CIVIL_SOCIETY").path("inviteMember.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        assertThat(rawDocument("st-rrocm", "members", variables("organisationId", organisationId("SV")))).contains("FORBIDDEN");
    }

    @Test
    void nobodyGrantsARoleTheyHaveNoRightToGrant() {
        invite("st-crm", "ST-CRM", email(), "HUB_ADMIN").path("inviteMember.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        invite("hub-admin", "ST-CRM", email(), "HUB_ADMIN").path("inviteMember.errors").entityList(Object.class).hasSize(0);
        for (String role : new String[] {"ppt", "government", "civil-society", "observer"}) {
            invite(role, "CSO-HN-1", email(), "CIVIL_SOCIETY").path("inviteMember.errors[0].code").entity(String.class).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void badInputIsRefusedBeforeKeycloakIsCalled() {
        invite("st-crm", "HN", "not-an-email", "GOVERNMENT").path("inviteMember.errors[0].field")
                .entityList(String.class).containsExactly("input", "email");
        as("st-crm").documentName("deactivateMember").variable("input", variables("memberId", "nope")).execute()
                .path("deactivateMember.errors[0].code").entity(String.class).isEqualTo("VALIDATION");
    }

    @Test
    void aFailureAfterTheAccountWasCreatedRemovesTheAccountAgain() throws Exception {
        // an organisation the identity server has no group for: creating the account succeeds,
        // joining its group fails, and the account must not stay behind
        try (var connection = EmbeddedDatabase.server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO organisation (code, name, kind) VALUES ('NO-GROUP', 'Orphan CSO', "
                    + "'CIVIL_SOCIETY_ORGANISATION') ON CONFLICT (code) DO NOTHING");
        }
        String email = email();
        invite("st-crm", "NO-GROUP", email, "CIVIL_SOCIETY").path("inviteMember.errors[0].code").entity(String.class)
                .isEqualTo("VALIDATION").path("inviteMember.member").valueIsNull();
        // the e-mail is free again: the same invitation into a real organisation succeeds
        invite("st-crm", "CSO-SV-1", email, "CIVIL_SOCIETY").path("inviteMember.errors").entityList(Object.class).hasSize(0);
    }
}
