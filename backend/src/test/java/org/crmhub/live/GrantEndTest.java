package org.crmhub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmhub.security.Revocations;
import org.crmhub.testsupport.Recording;
import org.crmhub.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A live stream ends with its grant, on WebSocket and SSE alike: shortly before the token
 * expires, and at once when the member's access is revoked on any instance. The last message is
 * an UNAUTHENTICATED error naming the cursor to resume from; resuming with a fresh token misses
 * nothing and repeats nothing. A revoked token is refused everywhere, remembered or not.
 *
 * <p>Tokens that expire in seconds cannot come from Keycloak (they live 15 minutes), so a second
 * instance on the same database trusts the test key, and the revocation is made through this
 * test's instance: it must reach the other one through the database.
 */
class GrantEndTest extends LiveTestBase {

    private static final ResourceDocumentSource DOCUMENTS = new ResourceDocumentSource(
            List.of(new ClassPathResource("graphql-test/")), ResourceDocumentSource.FILE_EXTENSIONS);
    private static final Pattern RESUME = Pattern.compile("after: '([A-Za-z0-9_-]+)'");
    private static ConfigurableApplicationContext minted;
    private static int mintedPort;

    @Autowired
    Revocations revocations;

    @BeforeEach
    void startTheMintedInstance() {
        if (minted == null) {
            minted = LiveResilienceTest.anotherInstance().run("--server.port=0", "--hub.keycloak.embedded=false",
                    "--hub.security.jwk-set-uri=", "--hub.security.public-key=classpath:test-keys/public.pem",
                    "--hub.security.issuer=" + TestTokens.ISSUER, "--hub.demo-data=false");
            mintedPort = Integer.parseInt(minted.getEnvironment().getProperty("local.server.port"));
        }
    }

    @AfterAll
    static void stopTheMintedInstance() {
        if (minted != null) {
            minted.close();
            minted = null;
        }
    }

    @Test
    void anSseStreamEndsBeforeItsTokenExpiresAndResumesWithoutGapOrRepeat() {
        String brief = token("brief-" + UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(6));
        Recording<String> first = record(sse(brief, now()));
        String before = createTask("Seen before expiry");
        first.awaitUntil(events -> String.join("", events).contains(before));
        first.awaitCompletion();
        String last = String.join("\n", first.items());
        assertThat(last).contains("UNAUTHENTICATED").contains("Your access token expired.");
        String cursor = resumeCursor(last);

        String during = createTask("Made while signed out");
        Recording<String> resumed = record(sse(token("brief-again-" + UUID.randomUUID(), Instant.now(),
                Instant.now().plusSeconds(600)), cursor));
        resumed.awaitUntil(events -> String.join("", events).contains(during));
        assertThat(String.join("", resumed.items())).doesNotContain(before);
    }

    @Test
    void aWebSocketStreamSaysWhereToResumeBeforeTheSocketClosesAtExpiry() {
        String brief = token("brief-" + UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(6));
        Recording<Map<String, Object>> stream = taskChanges(keep(subscriberWithToken(brief, mintedPort)), now());
        String seen = createTask("Seen on the socket");
        stream.awaitUntil(changes -> taskIds(changes).contains(seen));
        Throwable end = stream.awaitFailure();
        assertThat(end).isInstanceOf(SubscriptionErrorException.class);
        var error = ((SubscriptionErrorException) end).getErrors().get(0);
        assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED");
        String cursor = resumeCursor(error.getMessage());
        // the cursor is that of the last change the stream gave
        assertThat(stream.items().get(stream.items().size() - 1).get("cursor")).isEqualTo(cursor);
    }

    @Test
    void aRevocationMadeOnOneInstanceEndsTheStreamsAndRefusesTheTokensOfAnother() {
        String subject = "revoked-" + UUID.randomUUID();
        String held = token(subject, Instant.now().minusSeconds(2), Instant.now().plusSeconds(600));
        // the token works, and is remembered as verified
        assertThat(query(held)).isEqualTo(200);
        String from = now();
        Recording<Map<String, Object>> socket = taskChanges(keep(subscriberWithToken(held, mintedPort)), from);
        Recording<String> sse = record(sse(held, from));
        // both streams are open and serving before the revocation
        String seen = createTask("Seen before the revocation");
        socket.awaitUntil(changes -> taskIds(changes).contains(seen));
        sse.awaitUntil(events -> String.join("", events).contains(seen));

        revocations.revoke(subject).block(Duration.ofSeconds(10));

        Throwable end = socket.awaitFailure();
        assertThat(((SubscriptionErrorException) end).getErrors().get(0).getExtensions()).containsEntry("code", "UNAUTHENTICATED");
        assertThat(end.getMessage() + ((SubscriptionErrorException) end).getErrors()).contains("Your access was revoked.");
        sse.awaitCompletion();
        assertThat(String.join("", sse.items())).contains("UNAUTHENTICATED").contains("Your access was revoked.");
        assertThat(query(held)).as("HTTP with the revoked token").isEqualTo(401);
        Recording<Map<String, Object>> again = taskChanges(keep(subscriberWithToken(held, mintedPort)), null);
        assertThat(again.awaitFailure().toString()).as("a new socket with the revoked token").contains("4401");

        // signed in again after the revocation: accepted
        String fresh = token(subject, Instant.now().plusSeconds(1), Instant.now().plusSeconds(600));
        assertThat(query(fresh)).isEqualTo(200);
    }

    @Test
    void aMemberOfASharedExecutionEndsAloneWhenItsGrantEnds() {
        // three observers without organisations: one audience, so one shared execution
        String revokedSubject = "shared-revoked-" + UUID.randomUUID();
        Recording<Map<String, Object>> revoked = taskChanges(keep(subscriberWithToken(
                token(revokedSubject, Instant.now().minusSeconds(2), Instant.now().plusSeconds(600)), mintedPort)), null);
        Recording<Map<String, Object>> expiring = taskChanges(keep(subscriberWithToken(
                token("shared-brief-" + UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(8)), mintedPort)), null);
        Recording<Map<String, Object>> staying = taskChanges(keep(subscriberWithToken(
                token("shared-stays-" + UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(600)), mintedPort)), null);
        SharedSubscriptions shared = minted.getBean(SharedSubscriptions.class);
        org.awaitility.Awaitility.await().atMost(Recording.PATIENCE)
                .until(() -> shared.membersOfGroupsMentioning(fixture.planId).equals(List.of(3)));

        String first = createTask("Seen by the three");
        for (Recording<Map<String, Object>> member : List.of(revoked, expiring, staying)) {
            member.awaitUntil(changes -> taskIds(changes).contains(first));
        }
        revocations.revoke(revokedSubject).block(Duration.ofSeconds(10));
        var revokedError = ((SubscriptionErrorException) revoked.awaitFailure()).getErrors().get(0);
        assertThat(revokedError.getMessage()).startsWith("Your access was revoked.");
        // it resumes after the last change it was given
        assertThat(resumeCursor(revokedError.getMessage())).isEqualTo(revoked.items().get(0).get("cursor"));
        var expiredError = ((SubscriptionErrorException) expiring.awaitFailure()).getErrors().get(0);
        assertThat(expiredError.getMessage()).startsWith("Your access token expired.");

        String second = createTask("Seen by the one left");
        staying.awaitUntil(changes -> taskIds(changes).contains(second));
        assertThat(taskIds(staying.items())).containsExactly(first, second);
        assertThat(shared.membersOfGroupsMentioning(fixture.planId)).isEqualTo(List.of(1));
    }

    private static String token(String subject, Instant issued, Instant expires) {
        return TestTokens.token("member", List.of("observer"), b -> b.subject(subject)
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)));
    }

    private int query(String token) {
        return WebClient.create("http://127.0.0.1:" + mintedPort).post().uri("/graphql")
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ viewer { username } }"))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(10));
    }

    private Flux<String> sse(String token, String after) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("plan", fixture.planId);
        variables.put("after", after);
        return WebClient.create("http://127.0.0.1:" + mintedPort).post().uri("/graphql")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(Map.of("query", DOCUMENTS.getDocument("taskChanged").block(), "variables", variables))
                .retrieve().bodyToFlux(String.class);
    }

    private static String resumeCursor(String message) {
        Matcher m = RESUME.matcher(message);
        assertThat(m.find()).as("a resume cursor in: " + message).isTrue();
        return m.group(1);
    }
}
