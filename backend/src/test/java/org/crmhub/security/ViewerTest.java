package org.crmhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.Jwt;

/** How a Keycloak access token becomes the {@link Viewer}: user name, realm roles and organisations. */
class ViewerTest {

    private static Jwt token(Consumer<Map<String, Object>> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("0b6f4b2c-subject");
        builder.claims(claims);
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRealmRoleOfTheTokenBecomesTheViewersRole(Role role) {
        Viewer viewer = Viewer.fromJwt(token(c -> c.put("realm_access", Map.of("roles", List.of(role.claimValue())))));
        assertThat(viewer.roles()).containsExactly(role);
        assertThat(viewer.has(role)).isTrue();
    }

    @Test
    void aKeycloakTokenGivesTheUserNameRolesAndOrganisations() {
        Viewer viewer = Viewer.fromJwt(token(c -> {
            c.put("preferred_username", "demo-government");
            c.put("realm_access", Map.of("roles", List.of("government", "observer")));
            c.put("groups", List.of("HN"));
        }));
        assertThat(viewer).isEqualTo(new Viewer("demo-government", EnumSet.of(Role.GOVERNMENT, Role.OBSERVER), List.of("HN")));
    }

    @Test
    void keycloaksDefaultRolesAndUnknownRolesAreIgnored() {
        Viewer viewer = Viewer.fromJwt(token(c -> c.put("realm_access",
                Map.of("roles", List.of("default-roles-crm-hub", "offline_access", "uma_authorization", "PPT", "civil-society")))));
        assertThat(viewer.roles()).as("role names are case-sensitive").containsExactly(Role.CIVIL_SOCIETY);
    }

    @Test
    void aTokenWithoutRealmRolesHasNoRole() {
        assertThat(Viewer.fromJwt(token(c -> c.put("preferred_username", "service"))).roles()).isEmpty();
        assertThat(Viewer.fromJwt(token(c -> c.put("realm_access", Map.of()))).roles()).isEmpty();
        assertThat(Viewer.fromJwt(token(c -> c.put("realm_access", "ppt"))).roles()).as("not an object").isEmpty();
        assertThat(Viewer.fromJwt(token(c -> c.put("realm_access", Map.of("roles", "ppt")))).roles()).as("not a list").isEmpty();
        // a client role is not a realm role
        assertThat(Viewer.fromJwt(token(c -> c.put("resource_access",
                Map.of("tripartite-hub", Map.of("roles", List.of("ppt")))))).roles()).isEmpty();
    }

    @Test
    void groupsAsPathsAndGroupsAsShortNamesGiveTheSameOrganisationCodes() {
        Viewer paths = Viewer.fromJwt(token(c -> c.put("groups", List.of("/SV", "/networks/RROCM/CSO-HN-1"))));
        Viewer shortNames = Viewer.fromJwt(token(c -> c.put("groups", List.of("SV", "CSO-HN-1"))));
        assertThat(paths.organisationCodes()).containsExactly("SV", "CSO-HN-1");
        assertThat(shortNames.organisationCodes()).containsExactly("SV", "CSO-HN-1");
    }

    @Test
    void withoutGroupsTheViewerBelongsToNoOrganisation() {
        assertThat(Viewer.fromJwt(token(c -> c.put("preferred_username", "x"))).organisationCodes()).isEmpty();
        assertThat(Viewer.fromJwt(token(c -> c.put("groups", "SV"))).organisationCodes()).as("not a list").isEmpty();
    }

    @Test
    void withoutAUserNameTheSubjectNamesTheViewer() {
        assertThat(Viewer.fromJwt(token(c -> c.put("scope", "openid"))).username()).isEqualTo("0b6f4b2c-subject");
        assertThat(Viewer.fromJwt(token(c -> c.put("preferred_username", "  "))).username()).isEqualTo("0b6f4b2c-subject");
    }

    @Test
    void withNeitherUserNameNorSubjectTheViewerIsUnknown() {
        Jwt anonymous = Jwt.withTokenValue("token").header("alg", "RS256").claim("scope", "openid").build();
        assertThat(Viewer.fromJwt(anonymous).username()).isEqualTo("unknown");
    }

    @Test
    void aViewerCannotBeChangedThroughTheCollectionsItWasBuiltFrom() {
        EnumSet<Role> roles = EnumSet.of(Role.OBSERVER);
        List<String> organisations = new ArrayList<>(List.of("IOM"));
        Viewer viewer = new Viewer("v", roles, organisations);
        roles.add(Role.PPT);
        organisations.add("SV");
        assertThat(viewer.roles()).containsExactly(Role.OBSERVER);
        assertThat(viewer.organisationCodes()).containsExactly("IOM");
        assertThat(viewer.hasAny(Role.PPT, Role.GOVERNMENT)).isFalse();
        assertThat(viewer.hasAny(Role.PPT, Role.OBSERVER)).isTrue();
    }
}
