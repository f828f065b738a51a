package org.crmhub.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import org.crmhub.errors.Text;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Persisted and trusted documents.
 *
 * <ul>
 *   <li><b>Automatic persisted queries</b>, Apollo's protocol: a request may carry
 *       {@code extensions.persistedQuery.sha256Hash} instead of its document. An unknown hash
 *       answers {@code PERSISTED_QUERY_NOT_FOUND}; the client then sends document and hash
 *       together, the hash is checked and the document remembered. Remembered documents are kept
 *       per user, so whether a hash is known tells a user only what they ran themselves. The
 *       document text then goes through the one cache of parsed documents ({@link DocumentCache}).</li>
 *   <li><b>Trusted documents</b>: a manifest ({@code hub.graphql.trusted-documents}, Apollo's
 *       persisted-query manifest format, as client codegen writes it) whose documents every user
 *       may send by hash. With {@code hub.graphql.trusted-documents-only}, nothing else runs: any
 *       other document, sent whole or by hash, is refused with {@code FORBIDDEN}.</li>
 * </ul>
 * Over WebSocket, documents are sent whole; the trusted-only rule applies to them too.
 */
@Component
@Order(-10)   // before everything that reads the request's document
public class PersistedDocuments implements WebGraphQlInterceptor {

    static final String NOT_FOUND_CODE = "PERSISTED_QUERY_NOT_FOUND";

    private final Map<String, String> manifest;
    private final boolean trustedOnly;
    private final Cache<String, String> remembered;

    @Autowired
    PersistedDocuments(@Value("${hub.graphql.trusted-documents:}") String manifestPath,
                       @Value("${hub.graphql.trusted-documents-only:false}") boolean trustedOnly,
                       @Value("${hub.graphql.persisted-documents-size:10000}") int size) {
        this(manifestPath.isBlank() ? Map.of() : readManifest(Path.of(manifestPath)), trustedOnly, size);
    }

    PersistedDocuments(Map<String, String> manifest, boolean trustedOnly, int size) {
        if (trustedOnly && manifest.isEmpty()) {
            throw new IllegalStateException("hub.graphql.trusted-documents-only needs a manifest (hub.graphql.trusted-documents)");
        }
        this.manifest = Map.copyOf(manifest);
        this.trustedOnly = trustedOnly;
        this.remembered = Caffeine.newBuilder().maximumSize(size).build();
    }

    /** The operation names of the manifest's documents (empty without a manifest): the metrics' label set. */
    public Set<String> trustedOperationNames() {
        Set<String> names = new HashSet<>();
        Pattern operation = Pattern.compile("\\b(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)");
        manifest.values().forEach(body -> {
            Matcher m = operation.matcher(body);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** The documents of an Apollo persisted-query manifest, by their sha256 (checked). */
    /**
     * A manifest in either of the two formats client tools write: Apollo's persisted-query manifest
     * ({@code {"format": "apollo-persisted-query-manifest", "operations": [{"id", "name", "body"}]}})
     * or graphql-codegen's client preset ({@code {"sha256:<hash>": "<document>", …}}, as the
     * reference web client's build writes it). Every id must be the sha256 of its document; the
     * {@code sha256:} prefix is dropped, as clients send the bare hash.
     */
    static Map<String, String> readManifest(Path path) {
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readString(path));
            Map<String, String> documents = new LinkedHashMap<>();
            if (root.has("operations")) {
                for (JsonNode operation : root.path("operations")) {
                    documents.put(operation.path("id").asString(), operation.path("body").asString());
                }
            } else {
                root.properties().forEach(entry -> {
                    if (!entry.getValue().isString()) {
                        throw new IllegalStateException("manifest " + path + ": " + entry.getKey() + " is not a document");
                    }
                    documents.put(entry.getKey().replaceFirst("^sha256:", ""), entry.getValue().asString());
                });
            }
            documents.forEach((id, body) -> {
                if (!sha256(body).equals(id)) {
                    throw new IllegalStateException("manifest " + path + ": " + id + " is not the sha256 of its document");
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted documents " + path, e);
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String hash = request.getExtensions().get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String h ? h.toLowerCase() : null;
        boolean withoutDocument = PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(request.getDocument());
        if (hash == null && !trustedOnly) {
            return chain.next(request);   // the common case
        }
        if (request instanceof WebSocketGraphQlRequest) {
            return trustedOnly && !manifest.containsKey(sha256(request.getDocument()))
                    ? refused(request, "FORBIDDEN", Text.of("error.untrustedDocument"))
                    : chain.next(request);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication() == null ? "" : context.getAuthentication().getName())
                .defaultIfEmpty("")
                .flatMap(user -> {
                    if (withoutDocument) {
                        String document = hash == null ? null : manifest.containsKey(hash) ? manifest.get(hash)
                                : trustedOnly ? null : remembered.getIfPresent(user + ":" + hash);
                        return document == null
                                // Apollo's clients recognise this exact message: it is not translated
                                ? Mono.just(refused(request, NOT_FOUND_CODE, "PersistedQueryNotFound"))
                                : Mono.deferContextual(context -> chain.next(withDocument(request, document,
                                        context.getOrDefault(Locale.class, request.getLocale()))));
                    }
                    String actual = sha256(request.getDocument());
                    if (hash != null && !hash.equals(actual)) {
                        return refused(request, "VALIDATION", Text.of("error.hashMismatch"));
                    }
                    if (trustedOnly && !manifest.containsKey(actual)) {
                        return refused(request, "FORBIDDEN", Text.of("error.untrustedDocument"));
                    }
                    if (hash != null && !manifest.containsKey(hash)) {
                        remembered.put(user + ":" + hash, request.getDocument());
                    }
                    return chain.next(request);
                });
    }

    /**
     * The same request with {@code document} in place of the persisted-query marker, answered in
     * {@code language} (the new request keeps nothing the interceptors before this one configured).
     */
    private static WebGraphQlRequest withDocument(WebGraphQlRequest request, String document, Locale language) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("operationName", request.getOperationName());
        body.put("variables", request.getVariables());
        body.put("extensions", request.getExtensions());
        return new WebGraphQlRequest(request.getUri().toUri(), request.getHeaders(), request.getCookies(), request.getRemoteAddress(),
                request.getAttributes(), body, request.getId(), language);
    }

    /** A refusal in the request's language (language/LanguageInterceptor runs before this). */
    private static Mono<WebGraphQlResponse> refused(WebGraphQlRequest request, String code, Text message) {
        return Mono.deferContextual(context -> Mono.just(refused(request, code,
                message.in(context.getOrDefault(Locale.class, Locale.ENGLISH)))));
    }

    private static WebGraphQlResponse refused(WebGraphQlRequest request, String code, String message) {
        var error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(message)
                .extensions(Map.of("code", code)).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(
                graphql.ExecutionInput.newExecutionInput(PersistedQuerySupport.PERSISTED_QUERY_MARKER).build(),
                ExecutionResult.newExecutionResult().errors(List.of(error)).build()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
