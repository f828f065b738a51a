package org.crmhub.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Trusted documents and automatic persisted queries, at the interceptor: which document runs, and
 * what is refused before anything runs. (PersistedQueriesTest covers the protocol end to end.)
 */
class PersistedDocumentsTest {

    private static final String TRUSTED = "query Plans { workPlans(first: 5) { totalCount } }";
    private static final String OTHER = "query Other { viewer { username } }";

    /** The documents the chain was asked to run. */
    private final List<String> ran = new ArrayList<>();

    private final WebGraphQlInterceptor.Chain chain = request -> {
        ran.add(request.getDocument());
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
                graphql.ExecutionResult.newExecutionResult().data(Map.of("ok", true)).build())));
    };

    /** A request as the HTTP handler makes it: without a document, it carries graphql-java's marker. */
    private static WebGraphQlRequest request(String document, String hash) {
        Map<String, Object> extensions = hash == null ? Map.of()
                : Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        return new WebGraphQlRequest(URI.create("http://127.0.0.1/graphql"), new HttpHeaders(), null, null, Map.of(),
                new DefaultGraphQlRequest(document == null ? PersistedQuerySupport.PERSISTED_QUERY_MARKER : document, null,
                        Map.of(), extensions), "1", Locale.ROOT);
    }

    private static String code(WebGraphQlResponse response) {
        return response.getErrors().isEmpty() ? "OK" : String.valueOf(response.getErrors().get(0).getExtensions().get("code"));
    }

    private String send(PersistedDocuments documents, String document, String hash) {
        return code(documents.intercept(request(document, hash), chain).block());
    }

    @Test
    void withTrustedDocumentsOnlyNothingOutsideTheManifestRuns() {
        PersistedDocuments documents = new PersistedDocuments(Map.of(PersistedDocuments.sha256(TRUSTED), TRUSTED), true, 100);
        assertThat(send(documents, TRUSTED, null)).isEqualTo("OK");
        assertThat(send(documents, null, PersistedDocuments.sha256(TRUSTED))).isEqualTo("OK");
        assertThat(ran).containsExactly(TRUSTED, TRUSTED);
        // not in the manifest: refused whole, by hash, and registering it does not help
        assertThat(send(documents, OTHER, null)).isEqualTo("FORBIDDEN");
        assertThat(send(documents, OTHER, PersistedDocuments.sha256(OTHER))).isEqualTo("FORBIDDEN");
        assertThat(send(documents, null, PersistedDocuments.sha256(OTHER))).isEqualTo(PersistedDocuments.NOT_FOUND_CODE);
        assertThat(ran).containsExactly(TRUSTED, TRUSTED);
    }

    @Test
    void theManifestsOperationNamesAreTheMetricsLabels() {
        PersistedDocuments documents = new PersistedDocuments(Map.of(PersistedDocuments.sha256(TRUSTED), TRUSTED,
                PersistedDocuments.sha256("mutation Rename($id: ID!) { __typename }"), "mutation Rename($id: ID!) { __typename }"),
                false, 10);
        assertThat(documents.trustedOperationNames()).containsExactlyInAnyOrder("Plans", "Rename");
        assertThat(new PersistedDocuments(Map.of(), false, 10).trustedOperationNames()).isEmpty();
    }

    @Test
    void automaticPersistedQueriesRegisterADocumentOnlyWithItsOwnHash() {
        PersistedDocuments documents = new PersistedDocuments(Map.of(), false, 100);
        String hash = PersistedDocuments.sha256(OTHER);
        assertThat(send(documents, null, hash)).isEqualTo(PersistedDocuments.NOT_FOUND_CODE);
        assertThat(send(documents, OTHER, PersistedDocuments.sha256(TRUSTED))).isEqualTo("VALIDATION");   // a hash of another text
        assertThat(send(documents, null, PersistedDocuments.sha256(TRUSTED))).isEqualTo(PersistedDocuments.NOT_FOUND_CODE);
        assertThat(send(documents, OTHER, hash)).isEqualTo("OK");
        assertThat(send(documents, null, hash)).isEqualTo("OK");
        assertThat(send(documents, null, hash.toUpperCase())).isEqualTo("OK");
        assertThat(ran).containsExactly(OTHER, OTHER, OTHER);
        // and without any hash, documents run as always
        assertThat(send(documents, TRUSTED, null)).isEqualTo("OK");
    }

    @Test
    void aManifestEntryMustBeTheHashOfItsBody(@TempDir Path folder) throws Exception {
        Path good = folder.resolve("good.json");
        Files.writeString(good, """
                {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [
                  {"id": "%s", "name": "Plans", "type": "query", "body": "%s"}]}""".formatted(PersistedDocuments.sha256(TRUSTED),
                TRUSTED.replace("\"", "\\\"")));
        assertThat(PersistedDocuments.readManifest(good)).containsEntry(PersistedDocuments.sha256(TRUSTED), TRUSTED);
        Path bad = folder.resolve("bad.json");
        Files.writeString(bad, Files.readString(good).replace(TRUSTED.substring(0, 12), "query Forged"));
        assertThat(catchThrowable(() -> PersistedDocuments.readManifest(bad))).hasMessageContaining("is not the sha256 of its document");
        assertThat(catchThrowable(() -> new PersistedDocuments(Map.of(), true, 10))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void codegensManifestIsReadToo(@TempDir Path folder) throws Exception {
        Path good = folder.resolve("persisted-documents.json");
        Files.writeString(good, """
                {"sha256:%s": "%s"}""".formatted(PersistedDocuments.sha256(TRUSTED), TRUSTED.replace("\"", "\\\"")));
        assertThat(PersistedDocuments.readManifest(good)).containsExactly(Map.entry(PersistedDocuments.sha256(TRUSTED), TRUSTED));
        Path forged = folder.resolve("forged.json");
        Files.writeString(forged, Files.readString(good).replace(TRUSTED.substring(0, 12), "query Forged"));
        assertThat(catchThrowable(() -> PersistedDocuments.readManifest(forged))).hasMessageContaining("is not the sha256 of its document");
        Path notADocument = folder.resolve("odd.json");
        Files.writeString(notADocument, "{\"abc\": 42}");
        assertThat(catchThrowable(() -> PersistedDocuments.readManifest(notADocument))).hasMessageContaining("abc is not a document");
    }
}
