package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's executable jar, started with {@code java -jar} as run-services.sh and the Docker image start
 * it, holds everything the service runs on: it comes up (before Axon Server, here) and answers its probes.
 * The jars are those the reactor built before this module's tests.
 */
class ServiceJarsTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MongoServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
    }

    @AfterAll
    static void stopMongo() {
        mongo.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"order-context/order-service, order-service",
                "inventory-context/inventory-service, inventory-service",
                "payment-context/payment-service, payment-service",
                "query-projections, query-projections"})
    void theServiceJarStartsOnItsOwn(String module, String service) throws Exception {
        Path jar = executableJar(module);
        int port = freePort();
        Path log = Files.createTempFile(service, ".log");
        ProcessBuilder command = new ProcessBuilder(javaCommand(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("PORT", String.valueOf(port));
        command.environment().put("AXON_SERVER_ADDRESS", "localhost:" + freePort());
        command.environment().put("MONGODB_URI", mongo.getConnectionString());
        Process process = command.start();
        try {
            URI liveness = URI.create("http://localhost:" + port + "/actuator/health/liveness");
            await(service + " answering (log " + log + ")").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast(service + " exited; see " + log, () -> !process.isAlive())
                    .until(() -> get(liveness).statusCode() == 200);

            HttpResponse<String> readiness = get(URI.create("http://localhost:" + port + "/actuator/health/readiness"));
            JsonNode probe = JSON.readTree(readiness.body());
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(probe.at("/components/axonServer/status").asText()).isEqualTo("DOWN");
            assertThat(probe.at("/components/mongo/details/database").asText()).isEqualTo(service);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(log);
    }

    private static Path executableJar(String module) throws IOException {
        Path target = REPOSITORY.resolve(module).resolve("target");
        assertThat(target).as("build the services first: ./mvnw package").isDirectory();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-exec.jar")) {
            List<Path> found = new ArrayList<>();
            jars.forEach(found::add);
            assertThat(found).as("the executable jar of " + module).hasSize(1);
            return found.get(0);
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
