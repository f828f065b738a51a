package org.crmhub.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.crmhub.testsupport.Documents;
import org.crmhub.testsupport.Fixture;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What an operator reads: Prometheus metrics on the management port only, the API port's /health,
 * the X-Request-Id of every response, the request-level log lines that name it, and no secret in
 * any log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends HubTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    LoggingSystem logging;

    @AfterEach
    void requestLogsAsTheTestProfileHasThem() {
        logging.setLogLevel("hub.access", LogLevel.WARN);
        logging.setLogLevel("hub.mutations", LogLevel.WARN);
    }

    private String prometheus() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String role, String document, Map<String, Object> variables, String requestId) {
        return client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .headers(h -> {
                    if (requestId != null) {
                        h.add(RequestIds.HEADER, requestId);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange();
    }

    @Test
    void metricsCountRequestsPerOperationAndErrorsByCodeOnTheManagementPortOnly() {
        String plan = new Fixture(as("government")).planId;
        for (int i = 0; i < 3; i++) {
            post("civil-society", Documents.named("node"), Map.of("id", plan), null).expectStatus().isOk();
        }
        post("civil-society", "query Broken { noSuchField }", Map.of(), null).expectStatus().isOk();
        post("civil-society", Documents.named("createTask"), Map.of("input", Documents.variables("workstreamId", plan,
                "title", "x", "kind", "MEETING", "responsible", "PPT")), null).expectStatus().isOk();   // a plan's ID: a payload error

        String metrics = prometheus();
        assertThat(metrics)
                .containsPattern("hub_graphql_requests_seconds_count\\{operation=\"Node\",outcome=\"success\"} [3-9]")
                .contains("hub_graphql_requests_seconds_bucket{operation=\"Node\",outcome=\"success\",le=\"0.1\"}")
                .containsPattern("hub_graphql_errors_total\\{code=\"ValidationError\",in=\"response\"} [1-9]")
                .containsPattern("hub_graphql_errors_total\\{code=\"(VALIDATION|NOT_FOUND)\",in=\"payload\"} [1-9]")
                .contains("hub_live_subscribers ")
                .contains("hub_live_event_lag_seconds ")
                .contains("r2dbc_pool_acquired")
                .contains("jvm_memory_used_bytes");
        // not on the API's port, with or without a token
        client.get().uri("/actuator/prometheus").exchange().expectStatus().value(s -> assertThat(s).isIn(401, 404));
        client.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + KeycloakTokens.forRole("hub-admin"))
                .exchange().expectStatus().isNotFound();
        // the API's port answers health without a token, without details
        client.get().uri("/health").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"status\":\"UP\"}");
    }

    /** Every series the Grafana dashboard of docs/ plots is one the hub exports. */
    @Test
    void theDashboardPlotsOnlySeriesTheHubExports() throws Exception {
        post("civil-society", "query Broken { noSuchField }", Map.of(), null).expectStatus().isOk();
        String metrics = prometheus();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/grafana-dashboard.json"));
        java.util.regex.Matcher series = java.util.regex.Pattern.compile("\\b((?:hub|r2dbc|jvm|process)_[a-z_]+)").matcher(dashboard);
        int checked = 0;
        while (series.find()) {
            assertThat(metrics).as("the hub exports %s", series.group(1)).containsPattern("(?m)^" + series.group(1) + "[{ ]");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyResponseCarriesARequestIdAndTheLogLinesNameItButNoSecret(CapturedOutput output) {
        logging.setLogLevel("hub.access", LogLevel.INFO);   // off by default
        logging.setLogLevel("hub.mutations", LogLevel.INFO);   // on by default, off in the test profile
        String plan = new Fixture(as("government")).planId;
        String token = KeycloakTokens.forRole("government");

        // a new id when none is given, a given one kept, a malformed one replaced
        String fresh = post("civil-society", Documents.named("node"), Map.of("id", plan), null)
                .expectHeader().exists(RequestIds.HEADER).returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
        assertThat(fresh).matches("[0-9a-f-]{36}");
        post("civil-society", Documents.named("node"), Map.of("id", plan), "proxy-id.42")
                .expectHeader().valueEquals(RequestIds.HEADER, "proxy-id.42");
        String replaced = post("civil-society", Documents.named("node"), Map.of("id", plan), "bad id\"; x")
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
        assertThat(replaced).matches("[0-9a-f-]{36}");
        // a request the security chain refuses gets one too
        client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ __typename }"))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED).expectHeader().exists(RequestIds.HEADER);

        // a mutation, and the access line of a request
        client.post().uri("/graphql").header("Authorization", "Bearer " + token).header(RequestIds.HEADER, "mutation-7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", Documents.named("updateWorkPlan"), "variables",
                        Map.of("input", Documents.variables("id", plan, "title", "Renamed by the operations test", "expectedVersion", 1))))
                .exchange().expectStatus().isOk();
        assertThat(output.getAll())
                .containsPattern("mutation UpdateWorkPlan updateWorkPlan: (ok|rejected [A-Z_,]+) \\[mutation-7]")
                .containsPattern("POST /graphql 200 OK in \\d+ ms \\[proxy-id\\.42]")
                .contains("[" + fresh + "]")
                // no token, password or client secret in any line
                .doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(KeycloakTokens.forRole("civil-society"))
                .doesNotContain("demo-government-pass")
                .doesNotContain("hub-backend-dev-secret");
    }
}
