package org.crmhub.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmhub.identity.EmbeddedKeycloak;
import org.crmhub.testsupport.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * GraphiQL's page over plain HTTP: served by the hub with its policy, and everything it loads is
 * the hub's own (see GraphiQlBrowserTest for the page in a browser).
 */
class GraphiQlPageTest extends HubTest {

    @Test
    void thePageIsOpenAndCarriesAPolicyThatAllowsOnlyTheHubAndTheIdentityServer() {
        String keycloak = EmbeddedKeycloak.url().orElseThrow();
        HttpHeaders headers = client.get().uri("/graphiql").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html")
                .expectBody(String.class).returnResult().getResponseHeaders();
        assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo(
                "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
                        + "img-src 'self' data:; connect-src 'self' " + keycloak + "; frame-src " + keycloak + "; "
                        + "form-action 'self' " + keycloak + "; base-uri 'none'; frame-ancestors 'none'");
        assertThat(headers.getFirst("Cache-Control")).contains("no-store");
    }

    @Test
    void everythingThePageLoadsComesFromTheHub() {
        String html = client.get().uri("/graphiql").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("data-identity-url=\"" + EmbeddedKeycloak.url().orElseThrow() + "\"")
                .contains("data-realm=\"crm-hub\"").contains("data-client-id=\"hub-frontend\"");
        List<String> loads = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            loads.add(m.group(1));
        }
        assertThat(loads).hasSize(9).allSatisfy(url -> assertThat(url).matches("/.*|data:,"));
        loads.stream().filter(url -> url.startsWith("/")).forEach(url -> client.get().uri(url).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(url.endsWith(".css") ? "text/css" : "text/javascript"));
        // no inline script: the policy would refuse it
        assertThat(html).doesNotContainPattern("<script>|<script [^>]*>[^<]");
    }

    @Test
    void theHubDoesNotServeArbitraryClasspathFilesUnderTheAssets() {
        client.get().uri("/graphiql/assets/../index.html").exchange().expectStatus().value(s -> assertThat(s).isIn(400, 401, 404));
        client.get().uri("/graphiql/assets/../../application.yml").exchange().expectStatus().value(s -> assertThat(s).isIn(400, 401, 404));
    }
}
