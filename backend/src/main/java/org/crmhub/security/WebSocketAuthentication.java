package org.crmhub.security;

import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
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
 * Every request on the socket then runs with that authentication.
 *
 * <p>It does what Spring GraphQL's AuthenticationWebSocketInterceptor does, but keeps nothing of
 * the token beyond the verified {@code Jwt}: Spring holds the connection_init payload and the
 * pipeline that handled it for the socket's whole life, and 10,000 sockets would keep 10,000
 * copies of a 1.3 KB token twice over (a heap dump showed it; docs/benchmarks.md).
 */
@Component
@Order(-30)   // first: the language (from the token's locale) and the viewer are built from the security context it sets
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    static final String AUTHENTICATION = WebSocketAuthentication.class.getName() + ".authentication";

    private final ReactiveAuthenticationManager manager;

    WebSocketAuthentication(ReactiveJwtDecoder decoder) {
        JwtReactiveAuthenticationManager jwt = new JwtReactiveAuthenticationManager(decoder);
        jwt.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(SecurityConfig.roleConverter()));
        this.manager = jwt;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest socket
                && socket.getSessionInfo().getAttributes().get(AUTHENTICATION) instanceof SecurityContext context) {
            return chain.next(request).contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)));
        }
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
        // deferred: what the pipeline keeps is this lambda, not the token
        return Mono.defer(() -> {
            Object header = take(payload, "Authorization");
            if (!(header instanceof String bearer) || !bearer.startsWith("Bearer ")) {
                return Mono.error(new IllegalArgumentException("connection_init carries no bearer token"));
            }
            return manager.authenticate(new BearerTokenAuthenticationToken(bearer.substring(7)))
                    .doOnNext(authentication -> {
                        info.getAttributes().put(AUTHENTICATION, new SecurityContextImpl(authentication));
                        if (authentication instanceof JwtAuthenticationToken jwt) {
                            closeAtExpiry(info, Grant.of(jwt.getToken()));
                        }
                    })
                    .then(Mono.empty());
        });
    }

    /** Removes the value from the payload (kept by Spring for the socket's life), or reads it if the map is fixed. */
    private static Object take(Map<String, Object> payload, String key) {
        try {
            return payload.remove(key);
        } catch (UnsupportedOperationException fixed) {
            return payload.get(key);
        }
    }

    @SuppressWarnings("unchecked")
    private static void closeAtExpiry(WebSocketSessionInfo info, Grant grant) {
        if (info.getAttributes().get(ExpiringWebSocketHandler.GRANT) instanceof Sinks.One<?> sink) {
            ((Sinks.One<Grant>) sink).tryEmitValue(grant);
        }
    }
}
