package org.crmhub.security;

import io.netty.channel.ChannelOption;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The hub is a stateless OAuth2 resource server: every GraphQL request carries a Keycloak access
 * token, validated for signature, expiry, issuer and audience. GraphiQL's page and scripts and health are open.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    /** Spring Security's strict firewall; its header checks without regular expressions ({@link BearerTokens}). */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return BearerTokens.firewall();
    }

    /**
     * No observation around each filter of the security chain: on every request it cost more CPU
     * than the rest of the chain (the read profile, docs/benchmarks.md). The request's own
     * metrics (http.server.requests) stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** How many verified tokens are remembered (a few KB each). */
    static final long VERIFIED_TOKENS = 20_000;

    /**
     * CORS for browser frontends served from other origins: only the origins listed in
     * {@code hub.cors.origins} ({@code HUB_CORS_ORIGINS}, comma-separated; the local profile
     * allows a Vite dev server on port 5173). A preflight of {@code POST /graphql} with
     * {@code authorization} and {@code content-type} is answered; a request or WebSocket handshake
     * whose {@code Origin} is not listed is refused with 403. Requests without an {@code Origin}
     * (servers, curl, the benchmarks) are not CORS requests and pass as before. No credentials
     * (cookies): the token travels in a header.
     */
    static CorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of("authorization", "content-type", "accept", "x-request-id"));
        config.setExposedHeaders(List.of("X-Request-Id"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                               @Value("${hub.cors.origins:}") List<String> corsOrigins) {
        return http
                .cors(cors -> cors.configurationSource(cors(corsOrigins.stream().map(String::strip)
                        .filter(o -> !o.isEmpty()).toList())))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)   // bearer tokens only, no cookies
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // stateless, so no WebSession: loading the security context or a saved request from
                // one created an in-memory session per request, which hops to Reactor's parallel
                // workers. A WebSocket upgrade then ran off the event loop, and Reactor Netty dropped
                // a frame that arrived in between: a client's immediate connection_init was lost
                // (about one socket in thirty) and the socket hung until the init timeout (4408).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.GET, "/graphiql", "/graphiql/assets/**", "/webjars/**", "/health").permitAll()
                        // a shared report link carries its own signature and expiry instead of a token
                        // (report/ReportLinks); it serves only the civil-society edition
                        .pathMatchers(HttpMethod.GET, "/reports/shared/**").permitAll()
                        // actuator is served only on the management port, bound to loopback by default
                        // (HUB_MANAGEMENT_ADDRESS): whoever reaches that port may read the metrics
                        .matchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        // the WebSocket handshake carries no token: it comes in connection_init
                        .matchers(webSocketHandshake()).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs.bearerTokenConverter(BearerTokens.converter()).jwt(jwt -> jwt
                        .jwtDecoder(decoder)
                        .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roleConverter()))))
                .build();
    }

    private static ServerWebExchangeMatcher webSocketHandshake() {
        return exchange -> "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())
                && HttpMethod.GET.equals(exchange.getRequest().getMethod())
                && "/graphql".equals(exchange.getRequest().getPath().value())
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    @Bean
    ExpiringWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs,
                                                     @Value("${spring.graphql.websocket.connection-init-timeout:60s}") Duration initTimeout,
                                                     @Value("${spring.graphql.websocket.keep-alive:30s}") Duration keepAlive,
                                                     GrantEnds grantEnds) {
        return new ExpiringWebSocketHandler(handler, codecs, initTimeout, keepAlive, grantEnds);
    }

    /**
     * Keys from the identity server's key set ({@code hub.security.jwk-set-uri}), or, for tests and
     * offline use, a fixed RSA public key ({@code hub.security.public-key}). Verified tokens are
     * remembered until they expire ({@link VerifiedTokens}); a token whose grant was revoked is
     * refused, remembered or not ({@link Revocations}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${hub.security.jwk-set-uri:}") String jwkSetUri,
                                  @Value("${hub.security.public-key:}") Resource publicKey,
                                  @Value("${hub.security.issuer}") String issuer,
                                  @Value("${hub.security.audience}") String audience,
                                  Revocations revocations) throws Exception {
        return jwtDecoder(jwkSetUri, publicKey, issuer, audience, revocations::isRevoked);
    }

    /** How long a fetch of the identity server's key set may take. */
    static final Duration KEY_SET_TIMEOUT = Duration.ofSeconds(5);

    static ReactiveJwtDecoder jwtDecoder(String jwkSetUri, Resource publicKey, String issuer, String audience,
                                         Predicate<Jwt> revoked) throws Exception {
        NimbusReactiveJwtDecoder decoder;
        // every fetch of the key set (at the first token, then whenever a token names an unknown key,
        // as after a rotation) drops the remembered tokens: none outlives the key that verified it
        AtomicReference<VerifiedTokens> remembered = new AtomicReference<>();
        if (!jwkSetUri.isBlank()) {
            // an identity server that does not answer must not hold a request for ever: the fetch
            // fails after a few seconds (the request answers 401) and the next token tries again
            HttpClient keySetHttp = HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) KEY_SET_TIMEOUT.toMillis())
                    .responseTimeout(KEY_SET_TIMEOUT);
            WebClient keySetClient = WebClient.builder()
                    .clientConnector(new ReactorClientHttpConnector(keySetHttp))
                    .filter((request, next) -> next.exchange(request).doOnNext(response -> {
                        if (remembered.get() != null) {
                            remembered.get().forgetAll();
                        }
                    }))
                    .build();
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).webClient(keySetClient).build();
        } else if (publicKey != null && publicKey.exists()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(publicKey)).build();
        } else {
            throw new IllegalStateException("Set HUB_JWK_SET_URI (the identity server's key set) or HUB_JWT_PUBLIC_KEY, or HUB_KEYCLOAK_EMBEDDED=true");
        }
        OAuth2TokenValidator<Jwt> audienceValidator = new JwtClaimValidator<Object>("aud", aud ->
                aud instanceof String s ? s.equals(audience) : aud instanceof Collection<?> c && c.contains(audience));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), audienceValidator));
        remembered.set(new VerifiedTokens(decoder, VERIFIED_TOKENS));
        // checked on every use, remembered or not: a revocation takes effect at once
        return token -> remembered.get().decode(token).flatMap(jwt -> revoked.test(jwt)
                ? Mono.error(new BadJwtException("The token was revoked: sign in again"))
                : Mono.just(jwt));
    }

    /** Realm roles become {@code ROLE_<name>} authorities (for method security and logging). */
    static Converter<Jwt, AbstractAuthenticationToken> roleConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName("preferred_username");
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            if (jwt.getClaim("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles) {
                roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
            }
            return authorities;
        });
        return converter;
    }

    private static RSAPublicKey readPublicKey(Resource resource) throws Exception {
        try (var in = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        }
    }
}
