package org.crmhub.language;

import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sets the language a GraphQL request is answered in ({@link Languages}) as the execution's locale,
 * where data fetchers and error messages find it ({@code DataFetchingEnvironment.getLocale()}),
 * and in the Reactor context under {@code Locale.class} for the interceptors after this one
 * (a shared subscription's audience includes its language).
 */
@Component
@Order(-20)   // after a socket's token is known (WebSocketAuthentication); before anything that may refuse a request
class LanguageInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication() instanceof JwtAuthenticationToken token
                        ? Languages.of(request.getHeaders(), token.getToken()) : Languages.of(request.getHeaders(), null))
                .defaultIfEmpty(Languages.ENGLISH)
                .flatMap(locale -> {
                    request.configureExecutionInput((input, builder) -> builder.locale(locale).build());
                    return chain.next(request).contextWrite(context -> context.put(Locale.class, locale));
                });
    }
}
