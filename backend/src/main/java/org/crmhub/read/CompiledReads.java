package org.crmhub.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.execution.RawVariables;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.crmhub.graphql.DocumentCache;
import org.crmhub.paging.PageRequest;
import org.crmhub.read.ReadCompiler.CompiledRead;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.visibility.VisibilityPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.util.RawValue;

/**
 * Answers the reads that {@link ReadCompiler} compiles with one SQL statement, whose JSON becomes the
 * response's {@code data} as it is, without a GraphQL execution per field. The document is parsed and
 * validated by graphql-java (from {@link DocumentCache}), and the same depth and cost limits apply;
 * a document that is invalid, too costly, a mutation, or anything the compiler does not know goes on
 * to graphql-java unchanged, and so does every request with the header {@code X-Hub-Engine:
 * graphql-java} (the tests compare the two answers with it).
 */
@Component
@Order(3)   // after the viewer and its clearance are in the Reactor context (ViewerInterceptor)
class CompiledReads implements WebGraphQlInterceptor {

    static final String ENGINE_HEADER = "X-Hub-Engine";
    private static final Logger log = LoggerFactory.getLogger(CompiledReads.class);

    private final DocumentCache documents;
    private final DatabaseClient db;
    private final int maxDepth;
    private final int maxComplexity;
    /** Reads answered by a compiled statement, for tests and operators. */
    private final AtomicLong compiled = new AtomicLong();
    private static final int MAX_CACHED_DOCUMENT = 10_000;
    private final Cache<ReadKey, Optional<CompiledRead>> reads;

    CompiledReads(DocumentCache documents, DatabaseClient db, @Value("${hub.graphql.max-depth:15}") int maxDepth,
                  @Value("${hub.graphql.max-complexity:200000}") int maxComplexity,
                  @Value("${hub.graphql.compiled-read-cache-size:2000}") int cacheSize) {
        this.reads = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.documents = documents;
        this.db = db;
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest || "graphql-java".equals(request.getHeaders().getFirst(ENGINE_HEADER))) {
            return chain.next(request);
        }
        return Mono.deferContextual(context -> {
            Viewer viewer = context.getOrDefault(Viewer.class, null);
            Optional<CompiledRead> read = viewer != null && VisibilityPolicy.canRead(viewer)
                    ? compile(request, viewer) : Optional.empty();
            if (read.isEmpty()) {
                return chain.next(request);
            }
            if (log.isDebugEnabled()) {
                log.debug("Compiled read: {}", read.get().sql());
            }
            return read.get().params().bind(db.sql(read.get().sql()))
                    .map((row, meta) -> row.get(0, String.class))
                    .one()
                    .map(json -> {
                        compiled.incrementAndGet();
                        return response(request, json);
                    })
                    .onErrorResume(e -> {
                        log.warn("A compiled read failed ({}); answering it through graphql-java", e.toString());
                        return chain.next(request);
                    });
        });
    }

    /**
     * The JSON without the blanks PostgreSQL puts around keys, values and list items ({@code "a" : 1,
     * "b" : 2}), as graphql-java would write it: smaller answers, and the same bytes whichever path
     * answered. Blanks inside strings stay (PostgreSQL escapes every other control character there).
     */
    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** How many reads this instance answered with a compiled statement. */
    long compiled() {
        return compiled.get();
    }

    /**
     * The statement for this document, operation, variables and clearance, from the cache when the
     * same read came before (clients repeat their reads; compiling costs more than finding).
     */
    private Optional<CompiledRead> compile(WebGraphQlRequest request, Viewer viewer) {
        if (request.getDocument().length() > MAX_CACHED_DOCUMENT) {
            return compileNow(request, viewer);
        }
        ReadKey key = new ReadKey(request.getDocument(), request.getOperationName(), request.getVariables(),
                ClearanceConnectionFactory.clearanceOf(viewer));
        return reads.get(key, k -> compileNow(request, viewer));
    }

    /** What a compiled statement depends on: the viewer only through its clearance (the row filter). */
    private record ReadKey(String document, String operationName, Map<String, Object> variables, String clearance) {
    }

    private Optional<CompiledRead> compileNow(WebGraphQlRequest request, Viewer viewer) {
        PreparsedDocumentEntry entry = documents.parsedAndValidated(request.getDocument());
        if (entry.hasErrors()) {
            return Optional.empty();
        }
        try {
            OperationDefinition operation = entry.getDocument().getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(o -> request.getOperationName() == null || request.getOperationName().equals(o.getName()))
                    .findFirst().orElse(null);
            if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY
                    || !operation.getDirectives().isEmpty()) {
                return Optional.empty();
            }
            ExecutableNormalizedOperation normalized = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    documents.schema(), entry.getDocument(), request.getOperationName(), RawVariables.of(request.getVariables()));
            if (!withinLimits(normalized)) {
                return Optional.empty();   // graphql-java refuses it with the usual error
            }
            return ReadCompiler.compile(normalized, viewer);
        } catch (RuntimeException e) {
            return Optional.empty();   // e.g. variables that do not coerce: graphql-java says why
        }
    }

    /**
     * The depth and cost of the document, as graphql/QueryLimits counts them, with a margin: a
     * document near a limit takes graphql-java's path, where the limit is applied exactly.
     */
    private boolean withinLimits(ExecutableNormalizedOperation operation) {
        long cost = 0;
        int depth = 0;
        GraphQLSchema schema = documents.schema();
        for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
            cost += cost(field, schema);
            depth = Math.max(depth, depth(field));
        }
        return depth < maxDepth && cost <= maxComplexity * 9L / 10;
    }

    private static int depth(ExecutableNormalizedField field) {
        int below = 0;
        for (ExecutableNormalizedField child : field.getChildren()) {
            below = Math.max(below, depth(child));
        }
        return 1 + below;
    }

    /** QueryLimits' formula: a field costs 1 plus its children, times the items it may return. */
    private static long cost(ExecutableNormalizedField field, GraphQLSchema schema) {
        long children = 0;
        for (ExecutableNormalizedField child : field.getChildren()) {
            children += cost(child, schema);
        }
        Object first = field.getResolvedArguments().get("first");
        boolean connection = GraphQLTypeUtil.simplePrint(field.getType(schema)).endsWith("Connection!");
        long items = first instanceof Integer n ? Math.max(n, 1) : connection ? PageRequest.DEFAULT_SIZE : 1;
        return items * (1 + children);
    }

    private static WebGraphQlResponse response(WebGraphQlRequest request, String json) {
        ExecutionResult result = ExecutionResult.newExecutionResult().data(new RawValue(compact(json))).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
