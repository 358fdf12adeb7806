package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The compose file is valid YAML, runs what the issue asks for, and agrees with the README: every service
 * and port documented is in the compose file, and every service of the compose file is documented.
 */
class ComposeFileTest {

    private static final Path FOLDER = Path.of("").toAbsolutePath();
    private static final Set<String> APPLICATION_SERVICES =
            Set.of("order-service", "inventory-service", "payment-service", "query-projections");
    private static final Pattern PORT = Pattern.compile("\\b(\\d{4,5})\\b");

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> compose = yaml.load(Files.readString(FOLDER.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsAxonServerMongoDbAndTheFourServicesBuiltFromThisRepository() {
        assertThat(services).containsKeys("axonserver", "mongodb").containsKeys(APPLICATION_SERVICES.toArray(String[]::new));
        assertThat(services.get("axonserver").get("image").toString()).startsWith("axoniq/axonserver:");
        assertThat(publishedPorts("axonserver")).contains(8024, 8124);
        APPLICATION_SERVICES.forEach(name -> {
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).containsKey("build");
            assertThat(nested(service, "build", "dockerfile")).as(name).isEqualTo("axon-server/Dockerfile");
            assertThat(Files.isDirectory(FOLDER.getParent().resolve(nested(service, "build", "args", "SERVICE_MODULE"))))
                    .as("%s is built from a module of this repository", name).isTrue();
        });
    }

    @Test
    void everyServiceHasItsOwnHttpPortAndEnvironmentAddresses() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        services.keySet().forEach(name -> publishedPorts(name).forEach(port ->
                assertThat(owners.put(port, name)).as("port %s is published twice", port).isNull()));
        APPLICATION_SERVICES.forEach(name -> {
            Map<String, Object> environment = map(services.get(name).get("environment"));
            assertThat(environment).as(name).containsEntry("AXON_SERVER_ADDRESS", "axonserver:8124")
                                   .containsEntry("MONGODB_URI", "mongodb://mongodb:27017");
            assertThat(publishedPorts(name)).as(name).containsExactly(Integer.valueOf(environment.get("PORT").toString()));
        });
    }

    @Test
    void theGatewayAndEveryServiceKnowTheSameUsersWithTheOperatorsPasswordFromTheEnvironment() {
        Map<String, Object> gateway = map(services.get("gateway").get("environment"));
        assertThat(gateway.get("FULFILLMENT_OPERATOR_PASSWORD").toString())
                .as("required from the environment of docker compose, never written in the file")
                .startsWith("${FULFILLMENT_OPERATOR_PASSWORD:?");
        APPLICATION_SERVICES.forEach(name -> {
            Map<String, Object> environment = map(services.get(name).get("environment"));
            for (String variable : new String[] {"FULFILLMENT_SECURITY_MODE", "FULFILLMENT_DEMO_PASSWORD",
                                                 "FULFILLMENT_OPERATOR_PASSWORD", "FULFILLMENT_JWT_USER_CLAIM",
                                                 "FULFILLMENT_JWT_ROLES_CLAIM"}) {
                assertThat(environment.get(variable)).as("%s of %s", variable, name).isEqualTo(gateway.get(variable));
            }
        });
    }

    @Test
    void theSwitchesTheDistributedPageDocumentsReachTheServices() {
        APPLICATION_SERVICES.forEach(name -> assertThat(map(services.get(name).get("environment"))).as(name)
                .containsEntry("FULFILLMENT_AXON_MESSAGE_METRICS", "${FULFILLMENT_AXON_MESSAGE_METRICS:-false}"));
        assertThat(map(services.get("query-projections").get("environment"))).containsEntry(
                "FULFILLMENT_PROJECTIONS_DOCUMENT_CACHE", "${FULFILLMENT_PROJECTIONS_DOCUMENT_CACHE:-0}");
    }

    @Test
    void servicesStartAfterAxonServerAndMongoDbAreHealthyAndReportTheirOwnReadiness() {
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        APPLICATION_SERVICES.forEach(name -> {
            Map<String, Object> dependsOn = map(services.get(name).get("depends_on"));
            assertThat(dependsOn).as(name).containsOnlyKeys("axonserver", "mongodb");
            dependsOn.values().forEach(condition ->
                    assertThat(map(condition)).as(name).containsEntry("condition", "service_healthy"));
            assertThat(String.valueOf(map(services.get(name).get("healthcheck")).get("test")))
                    .as(name).contains("/actuator/health/readiness");
        });
    }

    @Test
    void theGatewayIsTheOneEntryOnPort8080AndReachesEachServiceByItsNameAndPort() {
        Map<String, Object> gateway = services.get("gateway");
        assertThat(nested(gateway, "build", "dockerfile")).isEqualTo("axon-server/Dockerfile");
        assertThat(nested(gateway, "build", "args", "SERVICE_MODULE")).isEqualTo("gateway");
        assertThat(FOLDER.getParent().resolve("gateway/pom.xml")).exists();
        assertThat(publishedPorts("gateway")).containsExactly(8080);
        Map<String, Object> environment = map(gateway.get("environment"));
        assertThat(environment).containsEntry("PORT", "8080");
        Map<String, String> urlVariables = Map.of("order-service", "ORDER_SERVICE_URL",
                                                  "inventory-service", "INVENTORY_SERVICE_URL",
                                                  "payment-service", "PAYMENT_SERVICE_URL",
                                                  "query-projections", "QUERY_SERVICE_URL");
        urlVariables.forEach((name, variable) -> assertThat(environment).as(variable).containsEntry(
                variable, "http://" + name + ":" + map(services.get(name).get("environment")).get("PORT")));
    }

    @Test
    void axonServersSettingsAreMountedFromThisFolder() {
        assertThat((List<?>) services.get("axonserver").get("volumes"))
                .map(String::valueOf)
                .contains("./axonserver.properties:/axonserver/config/axonserver.properties:ro");
        assertThat(FOLDER.resolve("axonserver.properties")).exists();
    }

    @Test
    void theReadmeDocumentsEveryServiceAndPortOfTheComposeFile() throws IOException {
        Map<String, Set<Integer>> documented = documentedServices(FOLDER.resolve("README.md"));

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(services.keySet());
        documented.forEach((name, ports) -> assertThat(publishedPorts(name)).as(name).containsAll(ports));
    }

    @Test
    void theDistributedDeploymentPageNamesOnlyServicesAndPortsOfTheComposeFile() throws IOException {
        Map<String, Set<Integer>> documented = documentedServices(FOLDER.getParent().resolve("docs/distributed.md"));

        assertThat(services.keySet()).containsAll(documented.keySet());
        documented.forEach((name, ports) -> assertThat(publishedPorts(name)).as(name).containsAll(ports));
    }

    /**
     * The rows of every Markdown table whose header starts {@code | service | port |}: the service (in
     * backticks) and the ports its row names.
     */
    private static Map<String, Set<Integer>> documentedServices(Path readme) throws IOException {
        Map<String, Set<Integer>> documented = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(readme)) {
            String row = line.strip();
            if (row.matches("\\|\\s*service\\s*\\|\\s*ports?\\s*\\|.*")) {
                inTable = true;
                continue;
            }
            if (!row.startsWith("|")) {
                inTable = false;
            }
            if (!inTable || row.matches("\\|[-:| ]+\\|")) {
                continue;
            }
            String[] cells = row.split("\\|");
            String name = cells[1].strip().replace("`", "");
            Set<Integer> ports = new TreeSet<>();
            Matcher port = PORT.matcher(cells[2]);
            while (port.find()) {
                ports.add(Integer.valueOf(port.group(1)));
            }
            documented.put(name, ports);
        }
        return documented;
    }

    private static List<Integer> publishedPorts(String service) {
        Object ports = services.get(service).get("ports");
        if (ports == null) {
            return List.of();
        }
        return ((List<?>) ports).stream()
                                .map(String::valueOf)
                                .map(mapping -> mapping.substring(0, mapping.indexOf(':')))
                                .map(Integer::valueOf)
                                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static String nested(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            value = map(value).get(key);
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
