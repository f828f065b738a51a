package org.crmhub.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webflux.AuthenticationWebSocketInterceptor;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Authenticates a graphql-transport-ws connection by the bearer token of its
 * {@code connection_init} payload ({@code {"Authorization": "Bearer …"}}), with the same decoder and
 * the same role mapping as HTTP requests. A missing or bad token closes the socket with 4401 (the
 * protocol's Unauthorized); a valid one also fixes when {@link ExpiringWebSocketHandler} closes it.
 */
@Component
@Order(1)   // before the viewer is built from the security context it sets
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    /** Spring GraphQL's own bearer-token authentication of connection_init, which this extends. */
    private final AuthenticationWebSocketInterceptor delegate;

    WebSocketAuthentication(ReactiveJwtDecoder decoder) {
        this.delegate = new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(), manager(decoder));
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return delegate.intercept(request, chain);
    }

    private static JwtReactiveAuthenticationManager manager(ReactiveJwtDecoder decoder) {
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(SecurityConfig.roleConverter()));
        return manager;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
        if (!(payload.get("Authorization") instanceof String header) || !header.startsWith("Bearer ")) {
            return Mono.error(new IllegalArgumentException("connection_init carries no bearer token"));
        }
        return delegate.handleConnectionInitialization(info, payload).doOnSuccess(ack -> {
            closeAtExpiry(info, header.substring(7));
            // Spring keeps the connection_init payload for the socket's life; the token (1-2 KB)
            // is not needed any more: the socket's authentication holds the verified token
            try {
                payload.remove("Authorization");
            } catch (UnsupportedOperationException immutable) {
                // kept, then
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void closeAtExpiry(WebSocketSessionInfo info, String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            Grant grant = new Grant(claims.getSubject(), instant(claims.getIssueTime()), instant(claims.getExpirationTime()));
            if (info.getAttributes().get(ExpiringWebSocketHandler.GRANT) instanceof Sinks.One<?> sink) {
                ((Sinks.One<Grant>) sink).tryEmitValue(grant);
            }
        } catch (ParseException e) {
            // cannot happen: the token was just validated
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
