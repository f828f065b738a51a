package org.crmhub.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crmhub.testsupport.ContributionCycles;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StatementLog;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Contributions to the Technical Secretariat's budget end to end: when one is late, exact totals
 * per cycle as each role may see them (a RESERVED contribution counts in no uncleared total),
 * payments that never exceed what is due, and bad input that changes nothing.
 */
@Import(StatementLog.class)
class ContributionTest extends HubTest {

    private final Map<String, String> organisations = new HashMap<>();

    private String country(String code) {
        return organisations.computeIfAbsent(code, c -> as("st-crm").documentName("organisations").execute()
                .path("organisations[?(@.code == '" + c + "')].id").entityList(String.class).get().get(0));
    }

    private GraphQlTester.Response create(String role, String code, int cycle, String amount, String due, String visibility) {
        Map<String, Object> input = new HashMap<>(Map.of("countryId", country(code), "cycle", cycle, "amount", amount,
                "currency", "USD", "dueDate", due));
        if (visibility != null) {
            input.put("visibility", visibility);
        }
        return as(role).documentName("createContribution").variable("input", input).execute();
    }

    private String created(String code, int cycle, String amount, String due, String visibility) {
        return create("st-crm", code, cycle, amount, due, visibility).path("createContribution.errors").entityList(Object.class)
                .hasSize(0).path("createContribution.contribution.id").entity(String.class).get();
    }

    private GraphQlTester.Response pay(String role, String id, int version, String amount, String paidOn) {
        return as(role).documentName("recordContributionPayment").variable("input", Map.of("contributionId", id,
                "expectedVersion", version, "amount", amount, "paidOn", paidOn, "note", "transfer")).execute();
    }

    private void paid(String id, int version, String amount, String paidOn) {
        pay("government", id, version, amount, paidOn).path("recordContributionPayment.errors").entityList(Object.class).hasSize(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> totals(String role, int cycle) {
        List<Map<String, Object>> totals = as(role).documentName("contributions").variable("cycle", cycle).execute()
                .path("contributionTotals").entityList((Class<Map<String, Object>>) (Class<?>) Map.class).get();
        assertThat(totals).as(role).hasSize(1);
        return totals.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> byCountry(String role, int cycle) {
        List<Map<String, Object>> nodes = as(role).documentName("contributions").variable("cycle", cycle).execute()
                .path("contributions.edges[*].node").entityList((Class<Map<String, Object>>) (Class<?>) Map.class).get();
        Map<String, Map<String, Object>> result = new HashMap<>();
        nodes.forEach(n -> result.put((String) ((Map<String, Object>) n.get("country")).get("code"), n));
        return result;
    }

    @Test
    void lateMeansTheDueDatePassedBeforeItWasPaidInFullAndTotalsAreExactPerViewer() {
        int cycle = ContributionCycles.next();
        String honduras = created("HN", cycle, "5500.00", "2020-03-31", null);
        paid(honduras, 1, "5500.00", "2020-03-15");                   // in full, on time
        String guatemala = created("GT", cycle, "5500.00", "2020-03-31", null);
        paid(guatemala, 1, "2000.00", "2020-03-20");
        paid(guatemala, 2, "3500.00", "2020-05-10");                  // in full, after the due date
        String mexico = created("MX", cycle, "37500.00", "2020-03-31", null);
        paid(mexico, 1, "20000.00", "2020-04-20");                    // in part, past due
        created("CR", cycle, "5500.00", "2999-12-31", null);          // not due yet
        String nicaragua = created("NI", cycle, "5500.00", "2020-03-31", "RESERVED");   // past due, unpaid, reserved

        Map<String, Map<String, Object>> seen = byCountry("government", cycle);
        assertThat(seen.get("HN")).containsEntry("late", false).containsEntry("paidInFullOn", "2020-03-15");
        assertThat(seen.get("GT")).containsEntry("late", true).containsEntry("paidInFullOn", "2020-05-10");
        assertThat(seen.get("MX")).containsEntry("late", true).containsEntry("paidInFullOn", null)
                .containsEntry("outstanding", Map.of("amount", "17500.00"));
        assertThat(seen.get("CR")).containsEntry("late", false);
        assertThat(seen.get("NI")).containsEntry("late", true).containsEntry("visibility", "RESERVED");
        assertThat(totals("government", cycle)).containsEntry("count", 5).containsEntry("currency", "USD")
                .containsEntry("due", "59500.00").containsEntry("paid", "31000.00").containsEntry("outstanding", "28500.00")
                .containsEntry("lateCount", 3).containsEntry("overdue", "23000.00");

        for (String role : UNCLEARED_ROLES) {
            assertThat(byCountry(role, cycle)).as(role).containsOnlyKeys("HN", "GT", "MX", "CR");
            // Nicaragua's reserved contribution is in no figure: count, due, outstanding, late, overdue
            assertThat(totals(role, cycle)).as(role).containsEntry("count", 4).containsEntry("due", "54000.00")
                    .containsEntry("paid", "31000.00").containsEntry("outstanding", "23000.00")
                    .containsEntry("lateCount", 2).containsEntry("overdue", "17500.00");
            assertThat(rawDocument(role, "contributions", Map.of("cycle", cycle))).as(role).doesNotContain(nicaragua);
            as(role).documentName("node").variable("id", nicaragua).execute().path("node").valueIsNull();
        }
    }

    @Test
    void onlyGovernmentRolesRecordContributionsAndPayments() {
        int cycle = ContributionCycles.next();
        String open = created("PA", cycle, "5500.00", "2020-03-31", null);
        String reserved = created("DO", cycle, "5500.00", "2020-03-31", "RESERVED");
        for (String role : List.of("st-rrocm", "civil-society", "observer")) {
            create(role, "BZ", cycle, "5500.00", "2020-03-31", null).path("createContribution.errors[0].code")
                    .entity(String.class).isEqualTo("FORBIDDEN");
            pay(role, open, 1, "100.00", "2020-03-01").path("recordContributionPayment.errors[0].code")
                    .entity(String.class).isEqualTo("FORBIDDEN");
            // a reserved contribution does not exist for them: NOT_FOUND, exactly as an unknown ID
            pay(role, reserved, 1, "100.00", "2020-03-01").path("recordContributionPayment.errors[0].code")
                    .entity(String.class).isEqualTo("NOT_FOUND");
        }
        Map<String, Map<String, Object>> civil = byCountry("civil-society", cycle);
        assertThat(civil.get("PA")).containsEntry("viewerCanUpdate", false).containsEntry("viewerCanRecordPayment", false)
                .containsEntry("paid", Map.of("amount", "0.00"));
        assertThat(byCountry("ppt", cycle).get("PA")).containsEntry("viewerCanUpdate", true)
                .containsEntry("viewerCanRecordPayment", true).containsEntry("viewerCanClassify", true);
    }

    @Test
    void badInputAnswersATypedErrorAndChangesNothing() {
        int cycle = ContributionCycles.next();
        String id = created("SV", cycle, "5500.00", "2020-03-31", null);
        paid(id, 1, "5000.00", "2020-03-01");
        // more than what remains: refused, with what remains
        pay("government", id, 2, "600.00", "2020-03-02").path("recordContributionPayment.errors[0].code").entity(String.class)
                .isEqualTo("VALIDATION").path("recordContributionPayment.errors[0].field").entityList(String.class)
                .containsExactly("input", "amount").path("recordContributionPayment.errors[0].message").entity(String.class)
                .isEqualTo("The payments would exceed the contribution by 100.00; record at most 500.00.");
        pay("government", id, 2, "0", "2020-03-02").path("recordContributionPayment.errors[0].field").entityList(String.class)
                .containsExactly("input", "amount");
        pay("government", id, 1, "100.00", "2020-03-02").path("recordContributionPayment.errors[0].code").entity(String.class)
                .isEqualTo("CONFLICT");
        // a second contribution for the same country and cycle, a country that is not a Member State, bad money
        create("government", "SV", cycle, "5500.00", "2020-03-31", null).path("createContribution.errors[0].field")
                .entityList(String.class).containsExactly("input", "cycle");
        create("government", "IOM", cycle, "5500.00", "2020-03-31", null).path("createContribution.errors[0].field")
                .entityList(String.class).containsExactly("input", "countryId");
        create("government", "BZ", cycle, "-5.00", "2020-03-31", null).path("createContribution.errors[*].field")
                .entityList(Object.class).hasSize(2);
        as("government").documentName("updateContribution").variable("input", Map.of("id", id, "expectedVersion", 2,
                        "currency", "usd")).execute()
                .path("updateContribution.errors[0].field").entityList(String.class).containsExactly("input", "currency");

        Map<String, Object> after = byCountry("government", cycle).get("SV");
        assertThat(after).containsEntry("paid", Map.of("amount", "5000.00")).containsEntry("outstanding", Map.of("amount", "500.00"));
        assertThat(byCountry("government", cycle)).containsOnlyKeys("SV");
        // and the last 500.00 pays it in full
        pay("government", id, 2, "500.00", "2020-03-03").path("recordContributionPayment.contribution.paidInFullOn")
                .entity(String.class).isEqualTo("2020-03-03");
    }

    @Test
    void aPaymentSentTwiceWithOneKeyIsRecordedOnce() {
        int cycle = ContributionCycles.next();
        String id = created("BZ", cycle, "5500.00", "2020-03-31", null);
        Map<String, Object> input = Map.of("clientMutationId", "pay-" + cycle, "contributionId", id, "expectedVersion", 1,
                "amount", "1000.00", "paidOn", "2020-03-01");
        for (int i = 0; i < 2; i++) {
            as("government").documentName("recordContributionPayment").variable("input", input).execute()
                    .path("recordContributionPayment.errors").entityList(Object.class).hasSize(0)
                    .path("recordContributionPayment.contribution.payments").entityList(Object.class).hasSize(1);
        }
        assertThat(byCountry("government", cycle).get("BZ")).containsEntry("paid", Map.of("amount", "1000.00"));
    }

    @Test
    void theirCountriesPaymentsAndHistoryCostTheSameStatementsWhateverTheirNumber() {
        int small = ContributionCycles.next();
        paid(created("HN", small, "5500.00", "2020-03-31", null), 1, "100.00", "2020-03-01");
        int large = ContributionCycles.next();
        for (String code : List.of("HN", "GT", "SV", "MX", "CR", "PA", "DO", "BZ")) {
            String id = created(code, large, "5500.00", "2020-03-31", null);
            paid(id, 1, "100.00", "2020-03-01");
            paid(id, 2, "200.00", "2020-03-02");
        }
        as("civil-society").documentName("contributionsNested").variable("cycle", small).execute().path("contributions").hasValue();
        StatementLog.clear();
        as("civil-society").documentName("contributionsNested").variable("cycle", small).execute()
                .path("contributions.totalCount").entity(Integer.class).isEqualTo(1);
        int one = StatementLog.sent().size();
        StatementLog.clear();
        as("civil-society").documentName("contributionsNested").variable("cycle", large).execute()
                .path("contributions.totalCount").entity(Integer.class).isEqualTo(8);
        int eight = StatementLog.sent().size();
        // contributions, totals, countries, payments, history
        assertThat(one).isEqualTo(eight).isLessThanOrEqualTo(5);
    }

    @Test
    void reservingAContributionHidesItAndItsPaymentsAtOnce() {
        int cycle = ContributionCycles.next();
        String id = created("CA", cycle, "75000.00", "2020-03-31", null);
        paid(id, 1, "75000.00", "2020-03-01");
        assertThat(totals("civil-society", cycle)).containsEntry("paid", "75000.00");
        as("government").documentName("setVisibility").variable("input", Map.of("id", id, "expectedVersion", 2,
                "visibility", "RESERVED")).execute().path("setVisibility.errors").entityList(Object.class).hasSize(0);
        as("civil-society").documentName("contributions").variable("cycle", cycle).execute()
                .path("contributions.totalCount").entity(Integer.class).isEqualTo(0)
                .path("contributionTotals").entityList(Object.class).hasSize(0);
        assertThat(totals("government", cycle)).containsEntry("paid", "75000.00");
    }
}
