package org.crmhub.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crmhub.catalogue.Organisation;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who manages whose accounts (the last rows of docs/authorization.md's matrix), role by role and
 * organisation by organisation, as an explicit table.
 */
class MembershipRulesTest {

    private static final UUID RROCM = UUID.fromString("00000000-0000-4000-8000-00000000aaaa");
    private static final UUID OTHER_NETWORK = UUID.fromString("00000000-0000-4000-8000-00000000bbbb");

    /** One organisation of each kind that matters: its network decides whether st-rrocm manages it. */
    private static final Map<String, Organisation> ORGANISATIONS = Map.of(
            "country", new Organisation(UUID.randomUUID(), "SV", "El Salvador", "MEMBER_COUNTRY", "SV", null),
            "secretariat", new Organisation(UUID.randomUUID(), "ST-CRM", "CRM Technical Secretariat", "SECRETARIAT", null, null),
            "rrocm-cso", new Organisation(UUID.randomUUID(), "CSO-HN-1", "A CSO of the RROCM", "CIVIL_SOCIETY_ORGANISATION", "HN", RROCM),
            "other-cso", new Organisation(UUID.randomUUID(), "CSO-X", "A CSO of another network", "CIVIL_SOCIETY_ORGANISATION", "HN", OTHER_NETWORK),
            "observer", new Organisation(UUID.randomUUID(), "IOM", "International Organization for Migration", "OBSERVER", null, null));

    private static Viewer viewer(String role) {
        Set<Role> roles = role.equals("none") ? EnumSet.noneOf(Role.class) : EnumSet.of(Role.ofClaim(role).orElseThrow());
        return new Viewer("someone", roles, List.of("ST-RROCM"));
    }

    @ParameterizedTest(name = "{0} manages a {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // role        | organisation | manages
            "ppt           | country      | false",
            "ppt           | secretariat  | false",
            "ppt           | rrocm-cso    | false",
            "ppt           | other-cso    | false",
            "ppt           | observer     | false",
            "government    | country      | false",
            "government    | secretariat  | false",
            "government    | rrocm-cso    | false",
            "government    | other-cso    | false",
            "government    | observer     | false",
            "st-crm        | country      | true",
            "st-crm        | secretariat  | true",
            "st-crm        | rrocm-cso    | true",
            "st-crm        | other-cso    | true",
            "st-crm        | observer     | true",
            "st-rrocm      | country      | false",
            "st-rrocm      | secretariat  | false",
            "st-rrocm      | rrocm-cso    | true",
            "st-rrocm      | other-cso    | false",
            "st-rrocm      | observer     | false",
            "civil-society | country      | false",
            "civil-society | secretariat  | false",
            "civil-society | rrocm-cso    | false",
            "civil-society | other-cso    | false",
            "civil-society | observer     | false",
            "observer      | country      | false",
            "observer      | secretariat  | false",
            "observer      | rrocm-cso    | false",
            "observer      | other-cso    | false",
            "observer      | observer     | false",
            "hub-admin     | country      | true",
            "hub-admin     | secretariat  | true",
            "hub-admin     | rrocm-cso    | true",
            "hub-admin     | other-cso    | true",
            "hub-admin     | observer     | true",
            "none          | country      | false",
            "none          | rrocm-cso    | false",
    })
    void eachRoleManagesExactlyTheOrganisationsOfTheMatrix(String role, String organisation, boolean manages) {
        Viewer viewer = viewer(role);
        Organisation org = ORGANISATIONS.get(organisation);
        assertThat(MembershipRules.managesOrganisation(viewer, org, RROCM)).isEqualTo(manages);
        if (manages) {
            assertThatCode(() -> MembershipRules.requireManages(viewer, org, RROCM)).doesNotThrowAnyException();
        } else {
            UserErrorException e = catchThrowableOfType(UserErrorException.class,
                    () -> MembershipRules.requireManages(viewer, org, RROCM));
            assertThat(e).isNotNull();
            assertThat(e.errors()).extracting(UserError::code).containsExactly(ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void withoutAKnownRrocmNetworkStRrocmManagesNoOrganisationAtAll() {
        for (Organisation org : ORGANISATIONS.values()) {
            assertThat(MembershipRules.managesOrganisation(viewer("st-rrocm"), org, null)).as(org.code()).isFalse();
        }
        Organisation noNetwork = ORGANISATIONS.get("country");
        assertThat(MembershipRules.managesOrganisation(viewer("st-crm"), noNetwork, null)).isTrue();
    }

    @ParameterizedTest(name = "{0} grants [{1}]")
    @CsvSource(delimiter = '|', value = {
            "ppt           | ",
            "government    | ",
            "st-crm        | ppt government st-crm st-rrocm civil-society observer",
            "st-rrocm      | civil-society",
            "civil-society | ",
            "observer      | ",
            "hub-admin     | ppt government st-crm st-rrocm civil-society observer hub-admin",
            "none          | ",
    })
    void eachRoleGrantsExactlyTheRolesOfTheMatrix(String role, String grants) {
        Set<Role> expected = grants == null ? Set.of()
                : Arrays.stream(grants.split(" ")).map(name -> Role.ofClaim(name).orElseThrow()).collect(Collectors.toSet());
        Viewer viewer = viewer(role);
        assertThat(MembershipRules.grantableRoles(viewer)).containsExactlyInAnyOrderElementsOf(expected);
        for (Role candidate : Role.values()) {
            UserErrorException e = catchThrowableOfType(UserErrorException.class,
                    () -> MembershipRules.requireGrantable(viewer, candidate));
            if (expected.contains(candidate)) {
                assertThat(e).as(candidate.claimValue()).isNull();
            } else {
                assertThat(e).as(candidate.claimValue()).isNotNull();
                assertThat(e.errors()).singleElement().satisfies(error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(error.field()).containsExactly("input", "role");
                    assertThat(error.message()).contains(candidate.claimValue());
                });
            }
        }
    }

    @Test
    void aUserWithSeveralRolesGrantsTheUnionOfTheirRights() {
        Viewer both = new Viewer("both", EnumSet.of(Role.ST_RROCM, Role.ST_CRM), List.of());
        assertThat(MembershipRules.grantableRoles(both)).containsExactlyInAnyOrder(Role.PPT, Role.GOVERNMENT, Role.ST_CRM,
                Role.ST_RROCM, Role.CIVIL_SOCIETY, Role.OBSERVER);
        assertThat(MembershipRules.managesOrganisation(both, ORGANISATIONS.get("country"), RROCM)).isTrue();
    }
}
