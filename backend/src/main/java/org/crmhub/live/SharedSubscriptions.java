package org.crmhub.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.crmhub.errors.SubscriptionErrors;
import org.crmhub.errors.UserErrorException;
import org.crmhub.security.Grant;
import org.crmhub.security.ExpiringWebSocketHandler;
import org.crmhub.security.GrantEnds;
import org.crmhub.security.Viewer;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.reactivestreams.Publisher;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live subscriptions that share one execution. Subscribers who send the same subscription
 * (document, operation and variables) from the present, and for whom its answer cannot differ
 * (same clearance, roles, organisations and language, and the same user for
 * {@code proposalDecided}, whose recipients are named), form a group: graphql-java runs the
 * selection once per change for the whole group, and every member receives that result. A result
 * never carries a field that depends on anything outside the group's key: visibility depends on
 * the clearance, capabilities on the roles and organisations (VisibilityPolicy), and nothing in a
 * change's selection on the user's name.
 *
 * <p>A member's stream still ends on its own: shortly before its token expires or when it is
 * revoked, with UNAUTHENTICATED and the cursor of the last change it received ({@link GrantEnds}).
 * The group's execution runs without a grant of its own and stops when its last member leaves.
 * Subscriptions with {@code after} (a replay from a cursor) run on their own, as before.
 *
 * <p>Why: at 10,000 subscribers, one full GraphQL execution per subscriber and change, and a
 * request (with every DataLoader of the application) kept alive per subscription, cost seconds of
 * latency and 70 KB of heap per idle subscriber (docs/benchmarks.md, "Live subscriptions").
 */
@Component
@Order(5)   // after the viewer is known (ViewerInterceptor) and the document is resolved (PersistedDocuments)
public class SharedSubscriptions implements WebGraphQlInterceptor {

    /** GraphQL context key: the execution serves a group; its grant does not end it. */
    public static final String SHARED = "hub.live.shared";
    /** The alias under which the group's execution also selects each change's cursor. */
    static final String POSITION = "__hubPosition";
    /** The live subscription fields, each with the field that carries its cursor. */
    private static final Set<String> LIVE_FIELDS = Set.of("taskChanged", "resourceChanged", "meetingChanged", "commentAdded",
            "proposalDecided");
    /** Whose decisions a proposalDecided subscriber hears of depends on who the subscriber is. */
    private static final String NAMED_RECIPIENTS = "proposalDecided";

    /**
     * How many of its group's results a member may have waiting, undelivered, before it is closed
     * as too slow (each is a reference to a result all members share).
     */
    static final int MEMBER_BACKLOG = 1000;

    /** Shards of a group's fan-out: one per core. */
    private static final int SHARDS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** A scheduler per socket event loop (never disposed: the loops belong to the server). */
    private static final Map<Executor, Scheduler> LOOP_SCHEDULERS = new ConcurrentHashMap<>();

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** A document's shape, parsed once per (document, operation). */
    private record Shape(String rootField, String afterVariable, boolean afterGiven, String rewritten) {
    }

    private static final Shape NOT_SHAREABLE = new Shape(null, null, false, null);

    private final Cache<String, Shape> shapes = Caffeine.newBuilder().maximumSize(1000).build();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final AtomicInteger members = new AtomicInteger();
    private final ChangeFeed feed;
    private final GrantEnds grantEnds;

    SharedSubscriptions(ChangeFeed feed, GrantEnds grantEnds) {
        this.feed = feed;
        this.grantEnds = grantEnds;
    }

    /** Subscribers served by a shared execution now (part of the metric hub.live.subscribers). */
    int members() {
        return members.get();
    }

    /** Shared executions running now (the metric hub.live.groups). */
    int groups() {
        return groups.size();
    }

    /** The member counts of the groups whose subscription mentions {@code text} (e.g. a work plan's ID), for tests. */
    List<Integer> membersOfGroupsMentioning(String text) {
        return groups.entrySet().stream().filter(e -> e.getKey().contains(text))
                .map(e -> e.getValue().members.get()).sorted().toList();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Shape shape = shape(request.getDocument(), request.getOperationName());
        if (shape.rootField() == null || fromACursor(shape, request.getVariables())) {
            return chain.next(request);
        }
        return Mono.deferContextual(context -> {
            Viewer viewer = context.getOrDefault(Viewer.class, null);
            Grant grant = context.getOrDefault(Grant.class, null);
            if (viewer == null || grant == null) {
                return chain.next(request);
            }
            String key = key(request, shape, viewer, context.getOrDefault(Locale.class, null));
            Group group = groups.compute(key, (k, existing) -> existing != null && existing.joinable()
                    ? existing : new Group(k, upstream(request, shape, viewer, grant, chain, context), shape.rootField(),
                            context.getOrDefault(Locale.class, Locale.ENGLISH)));
            // over a WebSocket, the socket's one watch of its grant; otherwise (SSE) a watch of its own
            Mono<String> end = request instanceof WebSocketGraphQlRequest socket
                    ? ExpiringWebSocketHandler.streamsEnd(socket.getSessionInfo().getAttributes())
                            .orElseGet(() -> grantEnds.of(grant, GrantEnds.STREAMS_END_BEFORE_EXPIRY))
                    : grantEnds.of(grant, GrantEnds.STREAMS_END_BEFORE_EXPIRY);
            Optional<Executor> loop = request instanceof WebSocketGraphQlRequest socket
                    ? ExpiringWebSocketHandler.eventLoop(socket.getSessionInfo().getAttributes()) : Optional.empty();
            // captures the group, the end and the loop only: Spring keeps this pipeline as long as the subscription
            return group.join(end, loop.orElse(null));
        });
    }

    /** The group's one execution: the first member's request, its document also selecting each change's cursor. */
    private Mono<WebGraphQlResponse> upstream(WebGraphQlRequest first, Shape shape, Viewer viewer, Grant grant, Chain chain,
                                              ContextView context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", shape.rewritten());
        if (first.getOperationName() != null) {
            body.put("operationName", first.getOperationName());
        }
        body.put("variables", first.getVariables());
        body.put("extensions", first.getExtensions());
        WebGraphQlRequest shared = new WebGraphQlRequest(first.getUri().toUri(), first.getHeaders(), first.getCookies(),
                first.getRemoteAddress(), first.getAttributes(), body, first.getId(), first.getLocale());
        Locale language = context.getOrDefault(Locale.class, null);
        shared.configureExecutionInput((input, builder) -> builder.locale(language != null ? language : input.getLocale())
                .graphQLContext(ctx -> ctx.put(Viewer.CONTEXT_KEY, viewer).put(Grant.CONTEXT_KEY, grant).put(SHARED, true)).build());
        // the execution runs with the first member's context (its viewer's clearance), whoever subscribes
        return chain.next(shared).contextWrite(context);
    }

    /**
     * One member's stream: the group's results until the member's grant ends, or until it falls
     * {@link #MEMBER_BACKLOG} results behind: then it ends with {@code error.subscriberTooSlow} and
     * the cursor of the last result it was given, as a subscriber of its own does (LiveChanges).
     */
    private WebGraphQlResponse member(WebGraphQlResponse upstream, Group group, Mono<String> end, @Nullable Executor loop) {
        Member member = new Member(group);
        Flux<ExecutionResult> results = group.shard(loop)
                // a member that does not read (its socket's buffers full) must not hold up its shard:
                // a shard, like the group, moves at the pace of its slowest member
                .onBackpressureBuffer(MEMBER_BACKLOG, result -> { }, BufferOverflowStrategy.ERROR)
                .onErrorMap(Exceptions::isOverflow, overflow -> member.tooSlow())
                .map(member::receive)
                .takeUntilOther(end.doOnNext(member::end))
                .concatWith(Flux.defer(member::lastWord))
                .doOnSubscribe(member::join)
                .doFinally(member::leave);
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(upstream.getExecutionInput(),
                ExecutionResult.newExecutionResult().data(results).build()));
    }

    /** One member's state: the position of the last change it received, and why its grant ended. */
    private final class Member {

        private final Group group;
        private volatile long given;
        private volatile String ended;

        Member(Group group) {
            this.group = group;
            this.given = group.lastPosition.get();
        }

        void join(org.reactivestreams.Subscription subscription) {
            members.incrementAndGet();
            group.members.incrementAndGet();
        }

        ExecutionResult receive(Result result) {
            given = result.position();
            return result.result();
        }

        void end(String reason) {
            ended = reason;
        }

        /** CONFLICT with where to resume. */
        SubscriptionPublisherException tooSlow() {
            return toClient(LiveChanges.tooSlow(MEMBER_BACKLOG, given));
        }

        /** Nothing after a normal end; after the grant's end, UNAUTHENTICATED with where to resume. */
        Flux<ExecutionResult> lastWord() {
            return ended == null ? Flux.empty() : Flux.error(toClient(LiveChanges.streamEnded(ended, given)));
        }

        /** The error as the member's stream ends with it, in the member's language. */
        private SubscriptionPublisherException toClient(UserErrorException error) {
            return new SubscriptionPublisherException(SubscriptionErrors.errorsOf(error, group.language), null);
        }

        void leave(reactor.core.publisher.SignalType signal) {
            members.decrementAndGet();
            group.members.decrementAndGet();
        }
    }

    /** A change's result for the members, and the change's position in the log. */
    private record Result(long position, ExecutionResult result) {
    }

    /** Subscribers of one key, fed by one execution. */
    private final class Group {

        final String key;
        /** The members' language (part of the key): the language of their last word. */
        final Locale language;
        final Mono<WebGraphQlResponse> response;
        final Flux<Result> results;
        private final List<Flux<Result>> shards;
        /** WebSocket members, by the event loop that writes their socket. */
        private final Map<Executor, Flux<Result>> loopShards = new ConcurrentHashMap<>();
        private final AtomicInteger joined = new AtomicInteger();
        /** The position of the last change the group delivered (where a member that joins now starts). */
        final AtomicLong lastPosition = new AtomicLong();
        final AtomicInteger members = new AtomicInteger();
        private final AtomicBoolean ended = new AtomicBoolean();

        Group(String key, Mono<WebGraphQlResponse> upstream, String rootField, Locale language) {
            this.key = key;
            this.language = language;
            lastPosition.set(Math.max(0, feed.head()));
            this.response = upstream.cache();
            this.results = response
                    .flatMapMany(r -> r.getExecutionResult().getData() instanceof Publisher<?> stream
                            ? Flux.from(stream).cast(ExecutionResult.class) : Flux.<ExecutionResult>empty())
                    .map(result -> strip(result, rootField))
                    .doFinally(signal -> {
                        ended.set(true);
                        groups.remove(key, this);
                    })
                    .publish().refCount(1);
            // the fan-out of one change to thousands of members, split over the cores: each shard
            // delivers to its members on a thread of its own (a member stays on one shard, in order).
            // WebSocket members are grouped by their socket's event loop and delivered on it, so that
            // each frame goes straight to its socket; others (SSE) on parallel workers.
            this.shards = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                shards.add(results.publishOn(Schedulers.parallel()).publish().refCount(1));
            }
        }

        /** The shard a member joins: its socket's event loop, or the next parallel worker (round robin). */
        Flux<Result> shard(@Nullable Executor loop) {
            if (loop != null) {
                return loopShards.computeIfAbsent(loop, l -> results.publishOn(LOOP_SCHEDULERS.computeIfAbsent(l,
                        Schedulers::fromExecutor)).publish().refCount(1));
            }
            return shards.get(Math.floorMod(joined.getAndIncrement(), SHARDS));
        }

        /**
         * A member's answer: its stream of the group's results, or, when the document or its
         * variables were refused, that refusal (and the group is not kept).
         */
        Mono<WebGraphQlResponse> join(Mono<String> end, @Nullable Executor loop) {
            return response.map(upstream -> {
                if (upstream.getExecutionResult().getData() instanceof Publisher<?>) {
                    return member(upstream, this, end, loop);
                }
                groups.remove(key, this);
                return upstream;
            });
        }

        /** A group whose execution ended (its last member left, or it failed) takes no new member. */
        boolean joinable() {
            return !ended.get();
        }

        /** The result without the cursor the members did not ask for; the position noted. */
        private Result strip(ExecutionResult result, String rootField) {
            if (!(result.getData() instanceof Map<?, ?> data) || !(data.get(rootField) instanceof Map<?, ?> change)) {
                return new Result(lastPosition.get(), result);
            }
            Map<String, Object> visible = new LinkedHashMap<>();
            change.forEach((name, value) -> {
                if (!POSITION.equals(name)) {
                    visible.put((String) name, value);
                }
            });
            long position = change.get(POSITION) instanceof String cursor ? LiveChanges.decode(cursor) : lastPosition.get();
            lastPosition.set(position);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put(rootField, visible);
            // encoded once here, for every member (EncodedResultEncoder)
            return new Result(position, new EncodedResult(ExecutionResult.newExecutionResult().data(shown)
                    .errors(result.getErrors()).extensions(result.getExtensions()).build()));
        }
    }

    /** Everything the answer depends on: what is asked, and who the subscriber is in the eyes of the rules. */
    private static String key(WebGraphQlRequest request, Shape shape, Viewer viewer, Locale language) {
        List<String> parts = new ArrayList<>();
        parts.add(shape.rewritten());
        parts.add(String.valueOf(request.getOperationName()));
        parts.add(CANONICAL.writeValueAsString(request.getVariables()));
        parts.add(ClearanceConnectionFactory.clearanceOf(viewer));
        parts.add(new TreeSet<>(viewer.roles()).toString());
        parts.add(new TreeSet<>(viewer.organisationCodes()).toString());
        parts.add(language == null ? "" : language.toLanguageTag());
        parts.add(NAMED_RECIPIENTS.equals(shape.rootField()) ? viewer.username() : "");
        return String.join("\u0000", parts);
    }

    /** Whether the subscription replays from a cursor (its own stream, not a group's). */
    private static boolean fromACursor(Shape shape, Map<String, Object> variables) {
        return shape.afterGiven() || shape.afterVariable() != null && variables.get(shape.afterVariable()) != null;
    }

    private Shape shape(String document, String operationName) {
        return shapes.get(document + "\u0000" + operationName, k -> analyse(document, operationName));
    }

    /**
     * A subscription is shared when its operation selects exactly one live field, without
     * directives, and its {@code after} is absent, null, or a variable.
     */
    static Shape analyse(String text, String operationName) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            return NOT_SHAREABLE;   // graphql-java answers the syntax error
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        Optional<OperationDefinition> chosen = operations.stream()
                .filter(op -> operationName == null ? operations.size() == 1 : operationName.equals(op.getName()))
                .findFirst();
        if (chosen.isEmpty() || chosen.get().getOperation() != OperationDefinition.Operation.SUBSCRIPTION
                || !chosen.get().getDirectives().isEmpty()) {
            return NOT_SHAREABLE;
        }
        OperationDefinition operation = chosen.get();
        List<Selection> roots = operation.getSelectionSet().getSelections();
        if (roots.size() != 1 || !(roots.get(0) instanceof Field field) || !LIVE_FIELDS.contains(field.getName())
                || !field.getDirectives().isEmpty() || field.getSelectionSet() == null) {
            return NOT_SHAREABLE;
        }
        String afterVariable = null;
        boolean afterGiven = false;
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("after")) {
                if (argument.getValue() instanceof VariableReference variable) {
                    afterVariable = variable.getName();
                } else if (!(argument.getValue() instanceof NullValue)) {
                    afterGiven = true;
                }
            }
        }
        Field withPosition = field.transform(f -> f.selectionSet(field.getSelectionSet().transform(s -> s.selection(
                Field.newField("cursor").alias(POSITION).build()))));
        OperationDefinition rewritten = operation.transform(o -> o.selectionSet(SelectionSet.newSelectionSet()
                .selection(withPosition).build()));
        Document shared = document.transform(d -> d.definitions(document.getDefinitions().stream()
                .map(definition -> definition == operation ? rewritten : definition).toList()));
        return new Shape(field.getName(), afterVariable, afterGiven, AstPrinter.printAstCompact(shared));
    }
}
