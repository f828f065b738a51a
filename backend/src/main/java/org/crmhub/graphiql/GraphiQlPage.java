package org.crmhub.graphiql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * GraphiQL at {@code GET /graphiql} ({@code hub.graphiql.enabled}). The page is a template
 * ({@code graphiql/index.html}) that receives where to sign in; its scripts are the hub's own
 * ({@code graphiql/assets/}) and WebJars. The Content-Security-Policy lets the page load scripts,
 * styles and fonts from the hub only, talk to the hub (HTTP and WebSocket) and to the identity
 * server (token and refresh requests), and send the browser to the identity server's login page.
 * Inline styles stay allowed: GraphiQL's editor sets them; inline scripts do not.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.graphiql.enabled", havingValue = "true", matchIfMissing = true)
class GraphiQlPage {

    static final String PATH = "/graphiql";

    private final String html;
    private final String contentSecurityPolicy;

    GraphiQlPage(@Value("${hub.security.issuer}") String issuer,
                 @Value("${hub.graphiql.identity-url:}") String identityUrl,
                 @Value("${hub.graphiql.client-id:hub-frontend}") String clientId,
                 @Value("${spring.graphql.http.path:/graphql}") String graphqlPath) {
        // the issuer is <identity server>/realms/<realm>
        int realms = issuer.lastIndexOf("/realms/");
        if (realms < 0) {
            throw new IllegalStateException("hub.security.issuer is not a Keycloak realm's issuer: " + issuer);
        }
        String identity = identityUrl.isBlank() ? issuer.substring(0, realms) : identityUrl.replaceAll("/+$", "");
        String realm = issuer.substring(realms + "/realms/".length());
        this.html = template()
                .replace("{{identityUrl}}", HtmlUtils.htmlEscape(identity))
                .replace("{{realm}}", HtmlUtils.htmlEscape(realm))
                .replace("{{clientId}}", HtmlUtils.htmlEscape(clientId))
                .replace("{{graphqlPath}}", HtmlUtils.htmlEscape(graphqlPath));
        this.contentSecurityPolicy = contentSecurityPolicy(origin(identity));
    }

    static String contentSecurityPolicy(String identityOrigin) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "font-src 'self' data:",
                "img-src 'self' data:",
                // 'self' covers the hub's own ws: and wss: (CSP level 3)
                "connect-src 'self' " + identityOrigin,
                "frame-src " + identityOrigin,
                "form-action 'self' " + identityOrigin,
                "base-uri 'none'",
                "frame-ancestors 'none'");
    }

    /** scheme://host[:port] of a URL. */
    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("not an absolute URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Bean
    RouterFunction<ServerResponse> graphiQlRoutes() {
        return RouterFunctions.route()
                .GET(PATH, request -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .header("Content-Security-Policy", contentSecurityPolicy)
                        .header("Referrer-Policy", "no-referrer")
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(html))
                .resources(PATH + "/assets/**", new ClassPathResource("graphiql/assets/"))
                .build();
    }

    private static String template() {
        try {
            return new ClassPathResource("graphiql/index.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
