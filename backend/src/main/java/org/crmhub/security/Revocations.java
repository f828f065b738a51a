package org.crmhub.security;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Grants revoked before they expire: when a member is deactivated or changes role through the
 * hub, every token of theirs issued until then stops working on every instance, at once, not when
 * it expires. A revocation is a row (subject, not before) in the database (migration V10); its
 * NOTIFY reaches every instance's listener, which also rereads the table when it (re)connects and
 * every {@code hub.security.revocation-poll}, in case a notification was lost.
 *
 * <p>Where it is enforced: the token decoder refuses revoked tokens on every HTTP request and
 * every new WebSocket, the verified-token cache included (SecurityConfig); each GraphQL request
 * checks again (ViewerInterceptor); live streams of the subject end with UNAUTHENTICATED and its
 * sockets close ({@link GrantEnds}).
 */
@Component
public class Revocations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);
    /** Access tokens live far less than a day: an older revocation refuses no live token. */
    private static final Duration REMEMBERED = Duration.ofDays(1);
    static final String LISTENER_NAME = "hub-revocation-listener";

    private final DatabaseClient db;
    private final ConnectionFactory listenerConnections;
    private final Duration pollInterval;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Sinks.Many<String> revoked = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    Revocations(DatabaseClient db, @Value("${spring.r2dbc.url}") String url, @Value("${spring.r2dbc.username}") String user,
                @Value("${spring.r2dbc.password:}") String password,
                @Value("${hub.security.revocation-poll:30s}") Duration pollInterval) {
        this.db = db;
        this.pollInterval = pollInterval;
        // its own connection, outside the pool: LISTEN holds it for the instance's lifetime
        this.listenerConnections = ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, user).option(ConnectionFactoryOptions.PASSWORD, password)
                .option(Option.valueOf("applicationName"), LISTENER_NAME).build());
    }

    /** Revokes every token of the subject issued until now, on every instance. */
    public Mono<Void> revoke(String subject) {
        return db.sql("INSERT INTO token_revocation (subject) VALUES (:subject)"
                        + " ON CONFLICT (subject) DO UPDATE SET not_before = now() RETURNING not_before")
                .bind("subject", subject)
                .map((row, meta) -> row.get("not_before", OffsetDateTime.class)).one()
                // this instance applies it at once; the others hear of it through NOTIFY
                .doOnNext(at -> apply(subject, at.toInstant()))
                .then();
    }

    /** Whether the token was revoked: its subject's grants were revoked after it was issued. */
    public boolean isRevoked(Jwt jwt) {
        return isRevoked(jwt.getSubject(), jwt.getIssuedAt());
    }

    public boolean isRevoked(String subject, Instant issuedAt) {
        Instant since = subject == null ? null : notBefore.get(subject);
        // a token without iat cannot show it came after the revocation
        return since != null && (issuedAt == null || issuedAt.isBefore(since));
    }

    /** The subjects whose grants are revoked from now on, on any instance ({@link GrantEnds} watches them). */
    Flux<String> revocations() {
        return revoked.asFlux();
    }

    private void apply(String subject, Instant since) {
        Instant previous = notBefore.get(subject);
        if (previous == null || since.isAfter(previous)) {
            notBefore.put(subject, since);
            revoked.tryEmitNext(subject);
        }
    }

    @Override
    public void start() {
        listening = Flux.usingWhen(listenerConnections.create(), this::listen, c -> Mono.from(c.close()))
                .doOnError(e -> log.warn("Revocation listener lost its connection ({}); reconnecting", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe();
    }

    private Flux<Void> listen(Connection connection) {
        PostgresqlConnection pg = (PostgresqlConnection) connection;
        Flux<Object> wakeUps = Flux.merge(
                Flux.just((Object) "connected"),
                pg.getNotifications().map(n -> (Object) n),
                Flux.interval(pollInterval).map(t -> (Object) t));
        return pg.createStatement("LISTEN hub_revocations").execute().flatMap(PostgresqlResult::getRowsUpdated).then()
                .thenMany(wakeUps.onBackpressureLatest().concatMap(w -> readAll(pg), 1));
    }

    /** Rereads the recent revocations: cheap (a few rows), and never misses one a lost NOTIFY carried. */
    private Mono<Void> readAll(PostgresqlConnection pg) {
        return Flux.from(pg.createStatement("SELECT subject, not_before FROM token_revocation WHERE not_before > $1")
                        .bind("$1", OffsetDateTime.now().minus(REMEMBERED)).execute())
                .flatMap(r -> r.map((row, meta) -> Map.entry(row.get("subject", String.class),
                        row.get("not_before", OffsetDateTime.class).toInstant())))
                .doOnNext(e -> apply(e.getKey(), e.getValue()))
                .then();
    }

    @Override
    public void stop() {
        Disposable d = listening;
        if (d != null) {
            d.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
