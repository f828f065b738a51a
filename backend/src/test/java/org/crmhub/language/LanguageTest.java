package org.crmhub.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.crmhub.identity.EmbeddedKeycloak;
import org.crmhub.testsupport.HubTest;
import org.crmhub.testsupport.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The hub and its sign-in pages in Spanish and English, end to end with real Keycloak tokens. */
class LanguageTest extends HubTest {

    private static final String QUERY = "{ language enumLabels(enums: [\"TaskStatus\", \"Party\"]) { enum values { value label } } }";

    private String ask(String acceptLanguage) {
        return send("civil-society", acceptLanguage, QUERY);
    }

    @Test
    void enumLabelsComeInTheRequestsLanguage() {
        String spanish = ask("es-GT,es;q=0.9");
        assertThat(spanish).contains("\"language\":\"es\"")
                .contains("{\"value\":\"IN_PROGRESS\",\"label\":\"En curso\"}")
                .contains("{\"value\":\"PPT\",\"label\":\"Presidencia Pro Témpore\"}");
        String english = ask("en-US");
        assertThat(english).contains("\"language\":\"en\"").contains("{\"value\":\"IN_PROGRESS\",\"label\":\"In progress\"}");
        // no header, and a user without a language in Keycloak: English
        assertThat(ask(null)).contains("\"language\":\"en\"");
        // a language the hub does not speak: English
        assertThat(ask("fr")).contains("\"language\":\"en\"");
    }

    private String send(String role, String acceptLanguage, String document) {
        var request = client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole(role))
                .contentType(MediaType.APPLICATION_JSON);
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        return request.bodyValue(Map.of("query", document)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void errorsComeInTheRequestsLanguage() {
        // a mutation's payload errors, with their fields
        String mutation = "mutation { createTask(input: {workstreamId: \"nope\", title: \" \","
                + " kind: ACTION, responsible: PPT}) { task { id } errors { code message field } } }";
        assertThat(send("government", "es", mutation)).contains("\"message\":\"No es un ID válido.\"")
                .contains("\"field\":[\"input\",\"workstreamId\"]");
        assertThat(send("government", null, mutation)).contains("\"message\":\"Not a valid ID.\"");
        // the field checks of an input, all at once
        String plan = "mutation { createWorkPlan(input: {title: \" \", cycle: 1900}) { errors { message field } } }";
        assertThat(send("government", "es", plan)).contains("\"message\":\"No puede estar vacío.\"")
                .contains("\"message\":\"Debe estar entre 1990 y 2200.\"");
        // a query's GraphQL error
        String query = "{ task(id: \"not-an-id\") { id } }";
        assertThat(send("civil-society", "es-HN", query)).contains("\"message\":\"No es un ID válido.\"")
                .contains("\"code\":\"VALIDATION\"");
        assertThat(send("civil-society", "en", query)).contains("\"message\":\"Not a valid ID.\"");
        // graphql-java's own validation, and the same document in the other language right after
        // (the cache of parsed documents keeps each language's errors apart)
        String unknown = "{ viewer { nope } }";
        assertThat(send("observer", "es", unknown)).contains("Error de validación").contains("no existe en el tipo");
        assertThat(send("observer", "en", unknown)).contains("Validation error").contains("is undefined");
        // a refusal written before the document runs (persisted queries): in the request's language too
        String mismatched = client.post().uri("/graphql")
                .header("Authorization", "Bearer " + KeycloakTokens.forRole("observer")).header("Accept-Language", "es")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ language }", "extensions", Map.of("persistedQuery",
                        Map.of("version", 1, "sha256Hash", "0".repeat(64))))).exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(mismatched).contains("El sha256Hash de extensions.persistedQuery no es el hash del documento.");
        // a role's refusal
        assertThat(send("hub-admin", "es", "{ tasks(workPlanId: \"V29ya1BsYW46eA\", first: 1) { totalCount } }"))
                .contains("Su rol no da acceso a los datos de los planes de trabajo.");
    }

    @Test
    void everyEnumOfTheSchemaHasItsLabelsInBothLanguages() {
        for (String language : List.of("en", "es")) {
            String answer = client.post().uri("/graphql")
                    .header("Authorization", "Bearer " + KeycloakTokens.forRole("observer"))
                    .header("Accept-Language", language)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("query", "{ enumLabels { enum values { value label } } }")).exchange()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(answer).as(language).doesNotContain("\"errors\"").contains("\"enum\":\"ImplementationStatus\"")
                    .contains("\"enum\":\"ResourceKind\"").doesNotContain("\"enum\":\"__");
        }
    }

    @Test
    void keycloaksSignInPageSpeaksSpanishWhenAsked() throws Exception {
        String spanish = signInPage("es");
        String english = signInPage("en");
        assertThat(spanish).contains("Contraseña").doesNotContain(">Password<");
        assertThat(english).contains("Password").doesNotContain("Contraseña");
    }

    private static String signInPage(String locale) throws Exception {
        String url = EmbeddedKeycloak.url().orElseThrow() + "/realms/" + EmbeddedKeycloak.REALM
                + "/protocol/openid-connect/auth?client_id=hub-frontend&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5173%2F&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&ui_locales=" + locale;
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }
}
