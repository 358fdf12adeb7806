package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.scenarios.Credentials;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A module's executable jar started with {@code java -jar}, as run-services.sh and the Docker image start it,
 * on a free port, its output in a log file. The jars are those the reactor built before this module's tests.
 * Closing it stops the process.
 */
final class ExecutableJar implements AutoCloseable {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private ExecutableJar(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code module}'s jar as {@code name}, with {@code PORT} and the given environment variables. */
    static ExecutableJar start(String module, String name, Map<String, String> environment) throws IOException {
        Path jar = of(module);
        int port = freePort();
        Path log = Files.createTempFile(name, ".log");
        ProcessBuilder command = new ProcessBuilder(javaCommand(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().putAll(environment);
        command.environment().put("PORT", String.valueOf(port));
        return new ExecutableJar(name, port, log, command.start());
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Until its liveness probe answers, for at most two minutes; fails at once if the process ends. */
    void awaitLive() {
        URI liveness = URI.create(baseUrl() + "/actuator/health/liveness");
        await(name + " answering (log " + log + ")").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast(name + " exited; see " + log, () -> !process.isAlive())
                .until(() -> get(liveness).statusCode() == 200);
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #get(URI)} as {@code user}. */
    static HttpResponse<String> get(URI uri, Credentials user) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", user.authorization()).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the process and, when it ended as asked, removes its log. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return;
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // The log stays in the temp directory; nothing else depends on it.
        }
    }

    private static Path of(String module) throws IOException {
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
}
