package org.crmhub.graphiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.crmhub.testsupport.Documents.variables;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.crmhub.testsupport.Browser;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GraphiQL as a person uses it, in a real headless Chromium: sign in through Keycloak's login
 * page (authorization code with PKCE), run a query, watch a subscription receive a change that a
 * government member makes, and find nothing reserved anywhere on the page or on the wire.
 */
@Tag("browser")
class GraphiQlBrowserTest extends HubTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void civilSocietySignsInQueriesAndSeesAGovernmentChangeArriveLiveWithNothingReserved() {
        Fixture fixture = new Fixture(as("government"));
        try (Browser browser = Browser.open()) {
            browser.go("http://127.0.0.1:" + port + "/graphiql");
            browser.waitForText(By.id("hub-sign"), "Sign in");
            browser.waitFor(By.cssSelector(".graphiql-query-editor .CodeMirror"));
            browser.driver().findElement(By.id("hub-sign")).click();

            browser.waitFor(By.id("username"));
            assertThat(browser.driver().getCurrentUrl()).as("the authorization request, with PKCE")
                    .contains("/protocol/openid-connect/auth?").contains("client_id=hub-frontend")
                    .contains("response_type=code").contains("code_challenge=").contains("code_challenge_method=S256");
            browser.signInOnKeycloak("demo-civil-society", "demo-civil-society-pass");
            browser.waitForText(By.id("hub-status"), "Signed in as demo-civil-society (civil-society)");
            // before signing in, GraphiQL's schema request was refused (401); nothing else may have failed
            assertThat(browser.console()).as("console before and during sign-in")
                    .noneSatisfy(line -> assertThat(line).containsAnyOf("Content Security Policy", "Refused", "Uncaught", "CORS"));

            run(browser, "Plan", "query Plan { viewer { username } workPlan(id: \"" + fixture.planId + "\") { title "
                    + "workstreams(first: 10) { edges { node { title tasks(first: 20) { edges { node { id title } } } } } } } }");
            awaitResult(browser, "Open workshop");
            assertThat(result(browser)).contains("\"username\": \"demo-civil-society\"").doesNotContain(fixture.marker);

            double subscribers = subscribers();
            run(browser, "Live", "subscription Live { taskChanged(workPlanId: \"" + fixture.planId + "\") { kind task { id title } } }");
            await().atMost(Duration.ofSeconds(20)).until(() -> subscribers() > subscribers);

            // a reserved change first, then an open one: were the reserved one delivered, it would come first
            Fixture.create(as("government"), "updateTask", "task", variables("id", fixture.reservedTaskId,
                    "expectedVersion", 1, "title", fixture.marker + " moved"));
            Fixture.create(as("government"), "updateTask", "task", variables("id", fixture.openTaskId,
                    "expectedVersion", 1, "title", "Open workshop, new date"));
            awaitResult(browser, "Open workshop, new date");

            assertThat(result(browser)).contains("\"kind\": \"UPDATED\"");
            assertThat(browser.pageSource()).doesNotContain(fixture.marker);
            List<String> frames = browser.webSocketFramesReceived();
            assertThat(frames).anySatisfy(frame -> assertThat(frame).contains("Open workshop, new date"));
            assertThat(frames).noneSatisfy(frame -> assertThat(frame).contains(fixture.marker));
            assertThat(browser.console()).as("console once signed in: refused loads, CSP violations, script errors")
                    .noneSatisfy(line -> assertThat(line).containsAnyOf("SEVERE", "Content Security Policy"));
        }
    }

    @Test
    void thePageLoadsNothingFromElsewhere() {
        try (Browser browser = Browser.open()) {
            browser.go("http://127.0.0.1:" + port + "/graphiql");
            browser.waitForText(By.id("hub-sign"), "Sign in");
            browser.waitFor(By.cssSelector(".graphiql-query-editor .CodeMirror"));
            // what a CDN-served page would do: the policy refuses it
            browser.script("var s = document.createElement('script'); s.src = 'https://unpkg.com/graphiql/graphiql.min.js';"
                    + " document.head.appendChild(s);");
            browser.waitUntil("the policy to refuse a CDN script",
                    () -> browser.console().stream().anyMatch(line -> line.contains("Content Security Policy")
                            && line.contains("unpkg.com")), () -> "");
        }
    }

    private static void awaitResult(Browser browser, String text) {
        browser.waitUntil("\"" + text + "\" in GraphiQL's result", () -> result(browser).contains(text), () -> result(browser));
    }

    private double subscribers() {
        return meters.get("hub.live.subscribers").gauge().value();
    }

    /**
     * Puts a document into GraphiQL's editor and presses the run button once GraphiQL has parsed it
     * (it reads the operation's name from the editor a moment after each change).
     */
    private static void run(Browser browser, String operationName, String document) {
        String editor = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror";
        browser.script(editor + ".setValue(arguments[0])", document);
        browser.waitUntil("GraphiQL to parse operation " + operationName,
                () -> operationName.equals(browser.script("return " + editor + ".operationName")),
                () -> String.valueOf(browser.script("return " + editor + ".operationName")));
        browser.driver().findElement(By.cssSelector(".graphiql-execute-button")).click();
    }

    private static String result(Browser browser) {
        Object text = browser.script("var r = document.querySelector('.graphiql-response .CodeMirror');"
                + " return r ? r.CodeMirror.getValue() : '';");
        return String.valueOf(text);
    }
}
