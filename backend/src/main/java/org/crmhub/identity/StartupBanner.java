package org.crmhub.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer, once the hub is up, where everything listens and how to get a token. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment env;

    StartupBanner(Environment env) {
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        String hub = "http://" + env.getProperty("server.address", "127.0.0.1") + ":" + env.getProperty("local.server.port",
                env.getProperty("server.port", "8080"));
        String database = env.getProperty("hub.embedded-db.port") != null
                ? "embedded PostgreSQL at 127.0.0.1:" + env.getProperty("hub.embedded-db.port")
                  + " (data in " + env.getProperty("hub.embedded-db.data-dir") + ")"
                : "PostgreSQL at " + env.getProperty("hub.db.host") + ":" + env.getProperty("hub.db.port");
        String issuer = env.getProperty("hub.security.issuer");
        StringBuilder text = new StringBuilder()
                .append("\n\n  Tripartite Hub is up\n")
                .append("    API       ").append(hub).append("/graphql  (WebSocket: ws").append(hub.substring(4)).append("/graphql)\n")
                .append("    GraphiQL  ").append(hub).append("/graphiql\n")
                .append("    Database  ").append(database).append('\n')
                .append("    Keycloak  ").append(issuer).append('\n');
        if (env.getProperty("hub.keycloak.demo-users", Boolean.class, false)) {
            text.append("  Demo users: demo-<role> / demo-<role>-pass, roles ppt government st-crm st-rrocm civil-society observer hub-admin\n")
                    .append("  A token:   curl -s -d grant_type=password -d client_id=hub-frontend -d username=demo-civil-society"
                            + " -d password=demo-civil-society-pass ").append(issuer).append("/protocol/openid-connect/token\n")
                    .append("  In GraphiQL, Headers: {\"Authorization\": \"Bearer <access_token>\"}\n");
        }
        log.info(text.toString());
    }
}
