package org.crmhub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against what its services really
 * read: every variable it gives the backend is one the backend reads, and it wires the backend to
 * the realm of keycloak/ (issuer, audience, admin client) and to a database role that row-level
 * security binds.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.get("environment");
    }

    /** The value a compose variable takes when the environment does not set it: ${X:-default}. */
    private static String withDefaults(String value) {
        return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    @Test
    void theComposeFileMatchesWhatTheBackendAndKeycloakRead() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        String applicationYml = Files.readString(ROOT.resolve("backend/src/main/resources/application.yml"));
        JsonNode realm = JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve("keycloak/crm-hub-realm.json")));

        Map<String, String> backend = environment(service(compose, "backend"));
        for (String variable : backend.keySet()) {
            assertThat(applicationYml).as("the backend reads %s", variable).contains("${" + variable + ":");
        }

        // identity: issuer, key set and audience of the realm as code
        String realmName = realm.get("realm").asString();
        String issuer = backend.get("HUB_ISSUER");
        assertThat(issuer).endsWith("/realms/" + realmName);
        assertThat(environment(service(compose, "keycloak")).get("KC_HOSTNAME") + "/realms/" + realmName).isEqualTo(issuer);
        assertThat(backend.get("HUB_JWK_SET_URI")).contains("/realms/" + realmName + "/protocol/openid-connect/certs");
        String audience = null;
        String adminSecret = null;
        boolean serviceAccount = false;
        for (JsonNode client : realm.get("clients")) {
            for (JsonNode mapper : client.path("protocolMappers")) {
                if (mapper.get("protocolMapper").asString().equals("oidc-audience-mapper")) {
                    audience = mapper.get("config").get("included.client.audience").asString();
                }
            }
            if (client.get("clientId").asString().equals(backend.get("HUB_KEYCLOAK_ADMIN_CLIENT_ID"))) {
                adminSecret = client.get("secret").asString();
                serviceAccount = client.get("serviceAccountsEnabled").asBoolean();
            }
        }
        assertThat(backend.get("HUB_AUDIENCE")).isEqualTo(audience);
        assertThat(serviceAccount).isTrue();
        assertThat(withDefaults(backend.get("HUB_KEYCLOAK_ADMIN_CLIENT_SECRET"))).isEqualTo(adminSecret);
        assertThat(service(compose, "keycloak").get("volumes").toString())
                .contains("./keycloak/crm-hub-realm.json:/opt/keycloak/data/import/");

        // database: the migrations' owner is the database's, the API's role is one RLS binds
        Map<String, String> postgres = environment(service(compose, "postgres"));
        assertThat(backend.get("HUB_DB_MIGRATION_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(backend.get("HUB_DB_NAME")).isEqualTo(postgres.get("POSTGRES_DB"));
        assertThat(backend.get("HUB_DB_USER")).isNotEqualTo(postgres.get("POSTGRES_USER"));
        String roleScript = compose.get("configs").toString();
        Matcher role = Pattern.compile("CREATE ROLE (\\w+) LOGIN").matcher(roleScript);
        assertThat(role.find()).isTrue();
        assertThat(role.group(1)).isEqualTo(backend.get("HUB_DB_USER"));
        assertThat(roleScript).contains("NOSUPERUSER").contains("NOBYPASSRLS");
        assertThat(withDefaults(backend.get("HUB_DB_MIGRATION_PASSWORD"))).isEqualTo(withDefaults(postgres.get("POSTGRES_PASSWORD")));

        // published ports stay on loopback
        for (String name : List.of("backend", "keycloak")) {
            assertThat(service(compose, name).get("ports").toString()).as(name).startsWith("[127.0.0.1:");
        }
    }

    /** Compose runs the Keycloak the project tests against, not an older one. */
    @Test
    void composesKeycloakIsTheVersionTheProjectUnpacksAndTests() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Matcher pom = Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>")
                .matcher(Files.readString(ROOT.resolve("backend/pom.xml")));
        assertThat(pom.find()).isTrue();
        String version = pom.group(1);
        assertThat(service(compose, "keycloak").get("image")).isEqualTo("quay.io/keycloak/keycloak:" + version);
        assertThat(Files.readString(ROOT.resolve("backend/src/main/resources/application.yml")))
                .contains("version: " + version);
    }

    /**
     * Compose builds the backend from backend/Dockerfile: the jar in Spring Boot's layers, run by
     * a user that is not root, with a health check on /health.
     */
    @Test
    @SuppressWarnings("unchecked")
    void composeBuildsTheBackendImageWhichRunsLayeredAsANonRootUserWithAHealthCheck() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Object> build = (Map<String, Object>) service(compose, "backend").get("build");
        assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "backend/Dockerfile");
        List<String> lines = Files.readAllLines(ROOT.resolve("backend/Dockerfile"));

        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).as("USER lines").hasSize(1);
        String user = users.get(0).substring(5).strip();
        assertThat(user).isNotIn("root", "0");
        // the user is created in the image that runs, and the entry point comes after USER
        int runtimeStage = lastIndexOf(lines, l -> l.startsWith("FROM "));
        int userLine = lines.indexOf(users.get(0));
        assertThat(userLine).isGreaterThan(runtimeStage);
        assertThat(lines.subList(runtimeStage, userLine)).anyMatch(l -> l.contains("useradd") && l.contains(" " + user));
        assertThat(lastIndexOf(lines, l -> l.startsWith("ENTRYPOINT "))).isGreaterThan(userLine);

        String dockerfile = String.join("\n", lines);
        assertThat(dockerfile).contains("-Djarmode=tools").contains("extract --layers");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("/layers/" + layer + "/");
        }
        assertThat(dockerfile).contains("org.springframework.boot.loader.launch.JarLauncher");
        assertThat(lines).anyMatch(l -> l.startsWith("HEALTHCHECK "));
        assertThat(dockerfile).contains("GET /health ");
        // what the build copies exists, so that `docker compose build` does not fail on a renamed folder
        Matcher copy = Pattern.compile("^COPY (?!--from)(.+) \\S+$", Pattern.MULTILINE).matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            for (String source : copy.group(1).split(" ")) {
                assertThat(ROOT.resolve(source)).as("COPY source %s", source).exists();
                copies++;
            }
        }
        assertThat(copies).isGreaterThanOrEqualTo(4);
    }

    private static int lastIndexOf(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
