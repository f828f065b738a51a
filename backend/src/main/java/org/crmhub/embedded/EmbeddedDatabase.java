package org.crmhub.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Wires the database before any bean is created. With {@code HUB_DB_HOST} set, it points R2DBC (the
 * API) and Flyway (migrations over JDBC) at that server. Without it, it starts a real PostgreSQL 17
 * from Maven Central's embedded binaries on a free loopback port: persistent under
 * {@code hub.embedded-db.data-dir} for the local run, throw-away when that is empty (the tests).
 * One embedded server per JVM, stopped when the JVM exits.
 */
public class EmbeddedDatabase implements EnvironmentPostProcessor {

    /** The role the API uses on the embedded server (loopback only, so its password is no secret). */
    static final String APP_ROLE = "hub_app";

    private static EmbeddedPostgres server;

    private static void createAppRole(String jdbcUrl) {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
                            CREATE ROLE hub_app LOGIN PASSWORD 'hub_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                        END IF;
                    END $$""");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the hub_app role on the embedded PostgreSQL", e);
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String host = env.getProperty("hub.db.host", "");
        String r2dbcUrl;
        String jdbcUrl;
        String user;
        String password;
        String owner;
        String ownerPassword;
        if (!host.isBlank()) {
            String port = env.getProperty("hub.db.port", "5432");
            String name = env.getProperty("hub.db.name", "hub");
            r2dbcUrl = "r2dbc:postgresql://" + host + ":" + port + "/" + name;
            jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + name;
            user = env.getProperty("hub.db.user", "hub_app");
            password = env.getProperty("hub.db.password", "");
            owner = env.getProperty("hub.db.migration-user", "hub_owner");
            ownerPassword = env.getProperty("hub.db.migration-password", "");
        } else {
            EmbeddedPostgres pg = start(env.getProperty("hub.embedded-db.data-dir", ""));
            r2dbcUrl = "r2dbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            owner = "postgres";
            ownerPassword = "";
            user = APP_ROLE;
            password = APP_ROLE;
            createAppRole(jdbcUrl);
            props.put("hub.embedded-db.port", pg.getPort());
        }
        // The API connects as a role that owns no table (so row-level security applies to it);
        // migrations run as the owner.
        props.put("spring.r2dbc.url", r2dbcUrl);
        props.put("spring.r2dbc.username", user);
        props.put("spring.r2dbc.password", password);
        props.put("spring.flyway.url", jdbcUrl);
        props.put("spring.flyway.user", owner);
        props.put("spring.flyway.password", ownerPassword);
        props.put("spring.flyway.placeholders.appRole", user);
        env.getPropertySources().addFirst(new MapPropertySource("hubDatabase", props));
    }

    private static synchronized EmbeddedPostgres start(String dataDir) {
        if (server != null) {
            return server;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (!dataDir.isBlank()) {
                Path dir = Path.of(dataDir.replace("~", System.getProperty("user.home")));
                Files.createDirectories(dir.getParent());
                builder.setDataDirectory(dir.toFile()).setCleanDataDirectory(false);
            }
            server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's own shutdown follows its postmaster
                }
            }, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** For tests and tools that need the running embedded server. */
    public static EmbeddedPostgres server() {
        return server;
    }

}
