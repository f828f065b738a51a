package org.crmhub.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.testsupport.Said;
import org.crmhub.errors.UserErrorException;
import org.crmhub.security.Role;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.VisibilityPolicy.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The visibility rule and the work-plan permission matrix of mission.md and docs/authorization.md,
 * as explicit tables: every role × action × visibility, and the organisations, which grant no
 * work-plan rights. The expected values are written out here, never computed from the policy.
 */
class VisibilityPolicyTest {

    /** Organisation codes of every kind: none, a Member Country, a secretariat, a CSO of the RROCM, an observer. */
    private static final List<List<String>> ORGANISATIONS = List.of(
            List.of(), List.of("SV"), List.of("ST-CRM"), List.of("ST-RROCM"), List.of("CSO-HN-1"), List.of("IOM"),
            List.of("HN", "CSO-GT-1"));

    /** "none" is a token with no hub role at all; docs/authorization.md treats it like hub-admin for work-plan data. */
    private static Viewer viewer(String role, List<String> organisations) {
        Set<Role> roles = role.equals("none") ? EnumSet.noneOf(Role.class) : EnumSet.of(Role.ofClaim(role).orElseThrow());
        return new Viewer("someone", roles, organisations);
    }

    private static Stream<Arguments> withEveryOrganisation(Stream<Arguments> rows) {
        return rows.flatMap(row -> ORGANISATIONS.stream().map(orgs -> {
            List<Object> args = new ArrayList<>(List.of(row.get()));
            args.add(1, orgs);
            return Arguments.of(args.toArray());
        }));
    }

    // role | canRead | canSeeReserved | rowFilter(viewer, "x") | database clearance
    private static final String[] READING = {
            "ppt           | true  | true  | TRUE           | reserved",
            "government    | true  | true  | TRUE           | reserved",
            "st-crm        | true  | true  | TRUE           | reserved",
            "st-rrocm      | true  | false | NOT x.reserved | open",
            "civil-society | true  | false | NOT x.reserved | open",
            "observer      | true  | false | NOT x.reserved | open",
            "hub-admin     | false | false | FALSE          | none",
            "none          | false | false | FALSE          | none",
    };

    static Stream<Arguments> reading() {
        return withEveryOrganisation(Stream.of(READING).map(line -> {
            String[] c = line.split("\\|");
            return Arguments.of(c[0].strip(), Boolean.parseBoolean(c[1].strip()), Boolean.parseBoolean(c[2].strip()),
                    c[3].strip(), c[4].strip());
        }));
    }

    @ParameterizedTest(name = "{0} in {1}: reads {2}, reserved {3}, filter \"{4}\", clearance {5}")
    @MethodSource("reading")
    void whoReadsWhatAndTheSqlFilterAndDatabaseClearanceThatEnforceIt(String role, List<String> organisations,
                                                                       boolean canRead, boolean canSeeReserved,
                                                                       String rowFilter, String clearance) {
        Viewer viewer = viewer(role, organisations);
        assertThat(VisibilityPolicy.canRead(viewer)).as("canRead").isEqualTo(canRead);
        assertThat(VisibilityPolicy.canSeeReserved(viewer)).as("canSeeReserved").isEqualTo(canSeeReserved);
        assertThat(VisibilityPolicy.rowFilter(viewer, "x")).as("rowFilter").isEqualTo(rowFilter);
        assertThat(ClearanceConnectionFactory.clearanceOf(viewer)).as("clearanceOf").isEqualTo(clearance);
        assertThat(ClearanceConnectionFactory.forViewer(viewer).<String>get(ClearanceConnectionFactory.CONTEXT_KEY))
                .as("forViewer").isEqualTo(clearance);
        assertThat(VisibilityPolicy.canSee(viewer, false)).as("canSee an OPEN item").isEqualTo(canRead);
        assertThat(VisibilityPolicy.canSee(viewer, true)).as("canSee a RESERVED item").isEqualTo(canSeeReserved);
    }

    /*
     * The matrix of mission.md / docs/authorization.md for an item that is OPEN or (effectively)
     * RESERVED, "yes" or "no" per action:
     *
     *   role          | EDIT open/res | PROPOSE open/res | CONTRIBUTE open/res | CLASSIFY open/res
     */
    private static final String[] ACTIONS = {
            "ppt           | yes | yes | yes | no  | yes | yes | yes | yes",
            "government    | yes | yes | yes | no  | yes | yes | yes | yes",
            "st-crm        | yes | yes | yes | no  | yes | yes | yes | yes",
            // st-rrocm edits OPEN items only; it proposes and contributes like civil society
            "st-rrocm      | yes | no  | yes | no  | yes | no  | no  | no",
            "civil-society | no  | no  | yes | no  | yes | no  | no  | no",
            // an observer only comments and reports
            "observer      | no  | no  | no  | no  | yes | no  | no  | no",
            "hub-admin     | no  | no  | no  | no  | no  | no  | no  | no",
            "none          | no  | no  | no  | no  | no  | no  | no  | no",
    };

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (String line : ACTIONS) {
            String[] c = line.split("\\|");
            int column = 1;
            for (Action action : List.of(Action.EDIT, Action.PROPOSE, Action.CONTRIBUTE, Action.CLASSIFY)) {
                for (String visibility : List.of("OPEN", "RESERVED")) {
                    rows.add(Arguments.of(c[0].strip(), action, visibility, c[column++].strip().equals("yes")));
                }
            }
        }
        return withEveryOrganisation(rows.stream());
    }

    @ParameterizedTest(name = "{0} in {1}: {2} on a {3} item → {4}")
    @MethodSource("matrix")
    void eachRoleMayDoExactlyWhatTheMatrixSaysWhateverItsOrganisation(String role, List<String> organisations,
                                                                      Action action, String visibility, boolean allowed) {
        Viewer viewer = viewer(role, organisations);
        boolean reserved = visibility.equals("RESERVED");
        assertThat(VisibilityPolicy.allows(viewer, action, reserved)).isEqualTo(allowed);
        if (allowed) {
            assertThatCode(() -> VisibilityPolicy.require(viewer, action, reserved)).doesNotThrowAnyException();
        } else {
            UserErrorException refused = catchThrowableOfType(UserErrorException.class,
                    () -> VisibilityPolicy.require(viewer, action, reserved));
            assertThat(refused).as("require refuses").isNotNull();
            assertThat(refused.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(error.field()).isNull();
            });
        }
    }

    /*
     * Suggestions (issue 12): who records one, and who answers one whose answer is OPEN or RESERVED.
     *
     *   role          | SUGGEST open/res | ANSWER open/res
     */
    private static final String[] SUGGESTION_ACTIONS = {
            "ppt           | no  | no  | yes | yes",
            "government    | no  | no  | yes | yes",
            "st-crm        | no  | no  | yes | yes",
            // st-rrocm answers OPEN answers only, and suggests like civil society
            "st-rrocm      | yes | no  | yes | no",
            "civil-society | yes | no  | no  | no",
            "observer      | yes | no  | no  | no",
            "hub-admin     | no  | no  | no  | no",
            "none          | no  | no  | no  | no",
    };

    static Stream<Arguments> suggestionMatrix() {
        List<Arguments> rows = new ArrayList<>();
        for (String line : SUGGESTION_ACTIONS) {
            String[] c = line.split("\\|");
            int column = 1;
            for (Action action : List.of(Action.SUGGEST, Action.ANSWER)) {
                for (String visibility : List.of("OPEN", "RESERVED")) {
                    rows.add(Arguments.of(c[0].strip(), action, visibility, c[column++].strip().equals("yes")));
                }
            }
        }
        return withEveryOrganisation(rows.stream());
    }

    @ParameterizedTest(name = "{0} in {1}: {2} on a {3} item → {4}")
    @MethodSource("suggestionMatrix")
    void whoSuggestsAndWhoAnswersWhateverTheirOrganisation(String role, List<String> organisations, Action action,
                                                          String visibility, boolean allowed) {
        eachRoleMayDoExactlyWhatTheMatrixSaysWhateverItsOrganisation(role, organisations, action, visibility, allowed);
    }

    @ParameterizedTest(name = "{0} in {1} speaks for {2} (RROCM network: {3}) → {4}")
    @CsvSource(delimiter = '|', value = {
            "civil-society | CSO-HN-1 | CSO-HN-1 | true  | true",
            "civil-society | CSO-HN-1 | CSO-GT-1 | true  | false",
            "observer      | IOM      | IOM      | false | true",
            "observer      | IOM      | UNHCR    | false | false",
            "st-rrocm      | ST-RROCM | ST-RROCM | false | true",
            "st-rrocm      | ST-RROCM | CSO-GT-1 | true  | true",
            "st-rrocm      | ST-RROCM | RROCM    | true  | true",
            "st-rrocm      | ST-RROCM | IOM      | false | false",
            "civil-society | CSO-HN-1 | RROCM    | true  | false",
    })
    void aSuggestionIsMadeForOnesOwnOrganisationOrByStRrocmForItsNetwork(String role, String own, String organisation,
                                                                         boolean inNetwork, boolean speaks) {
        assertThat(VisibilityPolicy.speaksFor(viewer(role, List.of(own)), organisation, inNetwork)).isEqualTo(speaks);
    }

    @ParameterizedTest(name = "{0} may create a RESERVED item: {1}")
    @CsvSource(delimiter = '|', value = {
            "ppt           | true",
            "government    | true",
            "st-crm        | true",
            "st-rrocm      | false",
            "civil-society | false",
            "observer      | false",
            "hub-admin     | false",
            "none          | false",
    })
    void onlyGovernmentRolesCreateReservedItemsWhileAnyoneMayAskForOpen(String role, boolean mayCreateReserved) {
        Viewer viewer = viewer(role, List.of());
        assertThatCode(() -> VisibilityPolicy.requireMayCreateWith(viewer, "OPEN")).doesNotThrowAnyException();
        assertThatCode(() -> VisibilityPolicy.requireMayCreateWith(viewer, null)).doesNotThrowAnyException();
        UserErrorException refused = catchThrowableOfType(UserErrorException.class,
                () -> VisibilityPolicy.requireMayCreateWith(viewer, "RESERVED"));
        if (mayCreateReserved) {
            assertThat(refused).isNull();
        } else {
            assertThat(refused).isNotNull();
            assertThat(refused.errors()).extracting(UserError::code).containsExactly(ErrorCode.FORBIDDEN);
        }
    }

    @ParameterizedTest(name = "{0} is refused work-plan data: {1}")
    @CsvSource(delimiter = '|', value = {
            "ppt           | false",
            "government    | false",
            "st-crm        | false",
            "st-rrocm      | false",
            "civil-society | false",
            "observer      | false",
            "hub-admin     | true",
            "none          | true",
    })
    void hubAdminAndUsersWithoutAHubRoleAreRefusedWorkPlanDataWithForbidden(String role, boolean refused) {
        Viewer viewer = viewer(role, List.of("ST-CRM"));
        UserErrorException e = catchThrowableOfType(UserErrorException.class, () -> VisibilityPolicy.requireRead(viewer));
        if (refused) {
            assertThat(e).isNotNull();
            assertThat(e.errors()).extracting(UserError::code).containsExactly(ErrorCode.FORBIDDEN);
        } else {
            assertThat(e).isNull();
        }
    }

    @Test
    void aUserWithSeveralRolesGetsTheUnionOfWhatTheyAllow() {
        Viewer observerAndGovernment = new Viewer("both", EnumSet.of(Role.OBSERVER, Role.GOVERNMENT), List.of());
        assertThat(VisibilityPolicy.canSeeReserved(observerAndGovernment)).isTrue();
        assertThat(VisibilityPolicy.rowFilter(observerAndGovernment, "t")).isEqualTo("TRUE");
        assertThat(VisibilityPolicy.allows(observerAndGovernment, Action.CLASSIFY, true)).isTrue();

        Viewer adminAndCivilSociety = new Viewer("both", EnumSet.of(Role.HUB_ADMIN, Role.CIVIL_SOCIETY), List.of());
        assertThat(VisibilityPolicy.canRead(adminAndCivilSociety)).isTrue();
        assertThat(VisibilityPolicy.rowFilter(adminAndCivilSociety, "t")).isEqualTo("NOT t.reserved");
        assertThat(ClearanceConnectionFactory.clearanceOf(adminAndCivilSociety)).isEqualTo("open");
        assertThat(VisibilityPolicy.allows(adminAndCivilSociety, Action.PROPOSE, false)).isTrue();
        assertThat(VisibilityPolicy.allows(adminAndCivilSociety, Action.EDIT, false)).isFalse();
    }

    @Test
    void theRowFilterNamesTheAliasItIsGivenAndNothingElse() {
        Viewer civil = viewer("civil-society", List.of());
        assertThat(VisibilityPolicy.rowFilter(civil, "ws")).isEqualTo("NOT ws.reserved");
        assertThat(VisibilityPolicy.rowFilter(civil, "task_1")).isEqualTo("NOT task_1.reserved");
    }

    @Test
    void theHubsOwnWorkRunsWithReservedClearance() {
        assertThat(ClearanceConnectionFactory.system().<String>get(ClearanceConnectionFactory.CONTEXT_KEY)).isEqualTo("reserved");
    }

    @Test
    void notFoundSaysTheSameForAnItemThatIsMissingAndOneThatIsHidden() {
        UserErrorException e = VisibilityPolicy.notFound(List.of("input", "id"));
        assertThat(Said.of(e.errors())).containsExactly(new Said(ErrorCode.NOT_FOUND, "No such item.", List.of("input", "id")));
    }

    @Test
    void registrationsAreSeenAllByTheTeamOwnByCivilSocietyAndNotByObservers() {
        for (Role role : List.of(Role.PPT, Role.GOVERNMENT, Role.ST_CRM, Role.ST_RROCM)) {
            Viewer viewer = new Viewer("v", EnumSet.of(role), List.of("X"));
            assertThat(VisibilityPolicy.registrants(viewer)).as(role.claimValue()).isEqualTo(VisibilityPolicy.Registrants.ALL);
            assertThat(ClearanceConnectionFactory.registrantsOf(viewer)).isEqualTo("*");
        }
        Viewer civil = new Viewer("c", EnumSet.of(Role.CIVIL_SOCIETY), List.of("CSO-HN-1", "CSO-GT-1", "A,B", "*"));
        assertThat(VisibilityPolicy.registrants(civil)).isEqualTo(VisibilityPolicy.Registrants.OWN_ORGANISATIONS);
        // a group whose name would read as a list, or as everything, counts for nothing
        assertThat(ClearanceConnectionFactory.registrantsOf(civil)).isEqualTo("CSO-HN-1,CSO-GT-1");
        for (Role role : List.of(Role.OBSERVER, Role.HUB_ADMIN)) {
            Viewer viewer = new Viewer("o", EnumSet.of(role), List.of("CSO-HN-1"));
            assertThat(VisibilityPolicy.registrants(viewer)).isEqualTo(VisibilityPolicy.Registrants.NONE);
            assertThat(ClearanceConnectionFactory.registrantsOf(viewer)).isEmpty();
        }
        assertThat(ClearanceConnectionFactory.system().<String>get(ClearanceConnectionFactory.REGISTRANTS_KEY)).isEqualTo("*");
    }

    @Test
    void civilSocietyRegistersForItsOwnOrganisationsAndStRrocmForItsNetwork() {
        java.util.UUID rrocm = java.util.UUID.randomUUID();
        Viewer civil = new Viewer("c", EnumSet.of(Role.CIVIL_SOCIETY), List.of("CSO-HN-1"));
        assertThat(VisibilityPolicy.mayRegisterFor(civil, "CSO-HN-1", rrocm, rrocm)).isTrue();
        assertThat(VisibilityPolicy.mayRegisterFor(civil, "CSO-GT-1", rrocm, rrocm)).isFalse();
        Viewer secretariat = new Viewer("s", EnumSet.of(Role.ST_RROCM), List.of("ST-RROCM"));
        assertThat(VisibilityPolicy.mayRegisterFor(secretariat, "CSO-GT-1", rrocm, rrocm)).isTrue();
        assertThat(VisibilityPolicy.mayRegisterFor(secretariat, "HN", null, rrocm)).isFalse();
        for (Role role : List.of(Role.PPT, Role.GOVERNMENT, Role.ST_CRM, Role.OBSERVER, Role.HUB_ADMIN)) {
            Viewer viewer = new Viewer("v", EnumSet.of(role), List.of("CSO-HN-1"));
            assertThat(VisibilityPolicy.mayRegisterFor(viewer, "CSO-HN-1", rrocm, rrocm)).as(role.claimValue()).isFalse();
            assertThat(VisibilityPolicy.allows(viewer, Action.REGISTER, false)).as(role.claimValue()).isFalse();
        }
        assertThat(VisibilityPolicy.allows(civil, Action.REGISTER, false)).isTrue();
        assertThat(VisibilityPolicy.allows(civil, Action.REGISTER, true)).isFalse();
    }
}
