package org.crmhub.webclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crmhub.testsupport.Documents.variables;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.crmhub.identity.EmbeddedKeycloak;
import org.crmhub.testsupport.Browser;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.StaticSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference web client of docs/examples/web, built by the browser profile (npm), served from
 * its own origin as a frontend team would serve it, and driven in a headless Chromium against the
 * hub. The hub trusts the client's manifest (written by its codegen), so the client sends every
 * query and mutation by hash.
 */
@Tag("browser")
class WebClientBrowserTest extends HubTest {

    private static final Path DIST = distribution();
    private static volatile int hubPort;
    private static final StaticSite SITE = new StaticSite(DIST, () -> JsonMapper.builder().build().writeValueAsString(Map.of(
            "hubUrl", "http://127.0.0.1:" + hubPort,
            "identityUrl", EmbeddedKeycloak.url().orElseThrow(),
            "realm", EmbeddedKeycloak.REALM,
            "clientId", EmbeddedKeycloak.PUBLIC_CLIENT)));

    @DynamicPropertySource
    static void allowTheClient(DynamicPropertyRegistry registry) {
        registry.add("hub.cors.origins", SITE::origin);
        registry.add("hub.graphql.trusted-documents", () -> manifest().toString());
    }

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void knowTheHub() {
        hubPort = port;
    }

    @AfterAll
    static void stopTheSite() {
        SITE.close();
    }

    @Test
    void civilSocietyFollowsAPlanLiveAndActsOnlyWhereItsCapabilitiesAllow() {
        Fixture fixture = new Fixture(as("government"));
        try (Browser civil = Browser.open(); Browser government = Browser.open()) {
            open(civil, fixture, "demo-civil-society");
            civil.waitForText(By.cssSelector("li.task[data-id='" + fixture.openTaskId + "'] .title"), "Open workshop");
            String openLine = "section.workstream[data-id='" + fixture.openWorkstreamId + "']";
            assertThat(civil.pageSource()).doesNotContain(fixture.marker).doesNotContain(fixture.reservedWorkstreamId);

            // civil society proposes where governments add, and cannot change a government's task
            assertThat(civil.driver().findElements(By.cssSelector(openLine + " form.propose-task"))).hasSize(1);
            assertThat(civil.driver().findElements(By.cssSelector("form.add-task, button.advance, button.delete"))).isEmpty();

            open(government, fixture, "demo-government");
            government.waitForText(By.cssSelector("li.task[data-id='" + fixture.reservedTaskId + "'] .title"), fixture.marker);
            assertThat(government.driver().findElements(By.cssSelector(openLine + " form.add-task"))).hasSize(1);
            assertThat(government.driver().findElements(By.cssSelector("form.propose-task"))).isEmpty();
            assertThat(government.driver().findElements(By.cssSelector(
                    "li.task[data-id='" + fixture.openTaskId + "'] button.advance"))).hasSize(1);

            // live: a reserved change, then the government starts the open task in its own page
            // both pages subscribed (this context serves no other subscriber), so neither misses the change
            awaitSubscribers(2);
            Fixture.create(as("government"), "updateTask", "task", variables("id", fixture.reservedTaskId,
                    "expectedVersion", 1, "title", fixture.marker + " moved"));
            government.driver().findElement(By.cssSelector("li.task[data-id='" + fixture.openTaskId + "'] button.advance")).click();
            By openStatus = By.cssSelector("li.task[data-id='" + fixture.openTaskId + "'] .status");
            civil.waitUntil("the open task IN_PROGRESS on civil society's page", () -> civil.textOf(openStatus).equals("IN_PROGRESS"),
                    () -> civil.pageText() + "\n  government's page: " + government.pageText()
                            + "\n  government's console: " + government.console());

            // a proposal from civil society reaches the government's page
            WebElement title = civil.driver().findElement(By.cssSelector(openLine + " form.propose-task input[name=title]"));
            title.sendKeys("Regional forum on returns", Keys.ENTER);
            government.waitUntil("the proposal on the government's page",
                    () -> government.pageText().contains("Regional forum on returns"), government::pageText);
            civil.waitUntil("the proposal on civil society's page",
                    () -> civil.pageText().contains("Regional forum on returns"), civil::pageText);

            assertThat(civil.pageSource()).doesNotContain(fixture.marker);
            assertThat(civil.webSocketFramesReceived()).anySatisfy(frame -> assertThat(frame).contains("IN_PROGRESS"))
                    .noneSatisfy(frame -> assertThat(frame).contains(fixture.marker));
            // trusted documents: every query and mutation went by hash, without its text
            List<String> posts = civil.postsTo("/graphql");
            assertThat(posts).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(body -> assertThat(body).contains("\"sha256Hash\"").doesNotContain("\"query\""));
            assertThat(civil.console()).noneSatisfy(line -> assertThat(line).containsAnyOf("SEVERE", "Content Security Policy"));
        }
    }

    private void open(Browser browser, Fixture fixture, String user) {
        browser.go(SITE.origin() + "/?plan=" + fixture.planId);
        browser.waitFor(By.id("username"));
        browser.signInOnKeycloak(user, user + "-pass");
        browser.waitForText(By.id("user"), user);
    }

    private void awaitSubscribers(int atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("hub.live.subscribers").gauge().value() >= atLeast);
    }

    private static Path distribution() {
        String dist = System.getProperty("hub.web-client.dist");
        if (dist == null || !Files.isRegularFile(Path.of(dist, "index.html"))) {
            throw new IllegalStateException("The web client is not built (" + dist + "): run with -Pbrowser, which builds "
                    + "docs/examples/web with npm (README, \"Build a frontend\")");
        }
        return Path.of(dist);
    }

    private static Path manifest() {
        return DIST.resolve("../src/gql/persisted-documents.json").normalize();
    }
}
