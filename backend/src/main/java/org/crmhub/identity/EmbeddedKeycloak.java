package org.crmhub.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a real Keycloak for the local run and the tests, where no identity server is configured
 * ({@code HUB_JWK_SET_URI} empty) and {@code hub.keycloak.embedded=true}: the distribution that
 * the build unpacked from Maven Central into {@code .keycloak/}, in production mode with an
 * in-memory database and local caches (no cluster ports), bound to 127.0.0.1, importing the
 * realm of {@code keycloak/} (and its demo users when asked). One server per JVM, stopped with it.
 * The resource server then validates tokens against its key set and issuer.
 */
public class EmbeddedKeycloak implements EnvironmentPostProcessor {

    public static final String REALM = "crm-hub";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** The realm's public client, with which browsers and the demo users sign in. */
    public static final String PUBLIC_CLIENT = "hub-frontend";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Process process;
    private static String baseUrl;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("hub.security.jwk-set-uri", "").isBlank()
                || !env.getProperty("hub.keycloak.embedded", Boolean.class, false)) {
            return;
        }
        String url = start(env);
        Map<String, Object> props = new HashMap<>();
        props.put("hub.keycloak.url", url);
        props.put("hub.security.jwk-set-uri", url + "/realms/" + REALM + "/protocol/openid-connect/certs");
        props.put("hub.security.issuer", url + "/realms/" + REALM);
        env.getPropertySources().addFirst(new MapPropertySource("hubKeycloak", props));
    }

    /** The running embedded server's base URL, if one was started in this JVM. */
    public static Optional<String> url() {
        return Optional.ofNullable(baseUrl);
    }

    private static synchronized String start(ConfigurableEnvironment env) {
        if (baseUrl != null) {
            return baseUrl;
        }
        try {
            Path home = locate(env.getProperty("hub.keycloak.home", ""), env.getProperty("hub.keycloak.version", "26.7.3"));
            Path realmDir = locate(env.getProperty("hub.keycloak.realm-dir", ""), null);
            build(home);
            importRealm(home, realmDir, env.getProperty("hub.keycloak.demo-users", Boolean.class, false),
                    webOrigins(env));
            int port = env.getProperty("hub.keycloak.port", Integer.class, 0);
            if (port == 0) {
                port = freePort();
            }
            String url = "http://127.0.0.1:" + port;
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                    "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + url,
                    "--http-management-port=" + freePort(), "--cache=local", "--import-realm"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak-" + port + ".log").toFile());
            builder.environment().put("KC_LOG_LEVEL", "warn");
            System.out.println("Starting Keycloak " + home.getFileName() + " at " + url + " (log: "
                    + home.resolve("keycloak-" + port + ".log") + ")");
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedKeycloak::stop, "embedded-keycloak-stop"));
            awaitRealm(url);
            baseUrl = url;
            System.out.println("Keycloak is ready: realm " + REALM + " at " + url + "/realms/" + REALM);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Keycloak", e);
        }
    }

    /** The unpacked distribution (or realm folder) next to the working folder or one level up. */
    private static Path locate(String configured, String version) {
        if (!configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String relative = version == null ? "keycloak" : ".keycloak/keycloak-" + version;
        return Stream.of(Path.of(relative), Path.of("..", relative))
                .map(Path::toAbsolutePath).map(Path::normalize).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak " + (version == null ? "realm folder" : version)
                        + " not found at ./" + relative + " or ../" + relative
                        + "; the Maven build unpacks it (./mvnw -pl backend generate-resources)"));
    }

    /** Keycloak's one-off build step for this configuration, once per unpacked distribution. */
    private static void build(Path home) throws IOException {
        Path marker = home.resolve(".hub-built");
        if (Files.exists(marker)) {
            return;
        }
        System.out.println("Building Keycloak once for an in-memory database (takes ~20-40 s)...");
        Process build = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-mem",
                "--health-enabled=true").redirectErrorStream(true)
                .redirectOutput(home.resolve("build.log").toFile()).start();
        try {
            if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                throw new IllegalStateException("Keycloak build failed; see " + home.resolve("build.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Files.writeString(marker, "built for --db=dev-mem --health-enabled=true\n");
    }

    /**
     * The origins from which browsers may call the embedded Keycloak's token endpoint with the
     * public client (CORS): the hub's own, for GraphiQL's sign-in, and the frontends' of
     * {@code hub.cors.origins}; or {@code hub.keycloak.web-origins} when set (the tests, whose
     * ports are random, say {@code *}). Keycloak's {@code +} cannot do it: the realm's redirect
     * URIs allow any loopback port, and an origin cannot be derived from a port wildcard.
     */
    static List<String> webOrigins(ConfigurableEnvironment env) {
        String configured = env.getProperty("hub.keycloak.web-origins", "");
        List<String> origins = new ArrayList<>();
        if (!configured.isBlank()) {
            origins.addAll(List.of(configured.split(",")));
        } else {
            String port = env.getProperty("server.port", "8080");
            origins.add("http://127.0.0.1:" + port);
            origins.add("http://localhost:" + port);
            origins.addAll(List.of(env.getProperty("hub.cors.origins", "").split(",")));
        }
        return origins.stream().map(String::strip).filter(o -> !o.isEmpty()).distinct().toList();
    }

    private static void importRealm(Path home, Path realmDir, boolean demoUsers, List<String> webOrigins) throws IOException {
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        try (Stream<Path> old = Files.list(importDir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        JsonNode realm = JSON.readTree(realmDir.resolve(REALM + "-realm.json").toFile());
        for (JsonNode client : realm.path("clients")) {
            if (PUBLIC_CLIENT.equals(client.path("clientId").asString())) {
                ArrayNode origins = ((ObjectNode) client).putArray("webOrigins");
                webOrigins.forEach(origins::add);
            }
        }
        JSON.writeValue(importDir.resolve(REALM + "-realm.json").toFile(), realm);
        if (demoUsers) {
            Files.copy(realmDir.resolve("demo/" + REALM + "-users-0.json"), importDir.resolve(REALM + "-users-0.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void awaitRealm(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting");
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        p.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                all.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
