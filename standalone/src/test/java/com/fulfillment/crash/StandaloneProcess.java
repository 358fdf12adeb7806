package com.fulfillment.crash;

import com.fulfillment.standalone.TestUsers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone app's jar run as a separate JVM on one data directory, as a user runs it: started, killed with
 * SIGKILL ({@link Process#destroyForcibly()} on the JVM itself), started again on the same data.
 */
final class StandaloneProcess {

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final Duration paymentTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private volatile URI baseUrl;

    StandaloneProcess(Path jar, Path dataDir, Path log, Duration paymentTimeout) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
        this.paymentTimeout = paymentTimeout;
    }

    /** Starts the app on a free port and waits until it is ready; returns how long that took. */
    Duration start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                                                            "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("FULFILLMENT_DATA_DIR", dataDir.toString());
        builder.environment().put("FULFILLMENT_SEED_CATALOGUE", "false");
        builder.environment().put("FULFILLMENT_OPERATOR_PASSWORD", TestUsers.OPERATOR_PASSWORD);
        builder.environment().put("FULFILLMENT_PAYMENT_TIMEOUT", paymentTimeout.toSeconds() + "s");
        Files.writeString(log, "\n=== start on port " + port + "\n", StandardOpenOption.CREATE,
                          StandardOpenOption.APPEND);
        process = builder.start();
        URI base = URI.create("http://localhost:" + port);
        long giveUpAt = started + STARTUP_LIMIT.toNanos();
        while (!ready(base)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (System.nanoTime() > giveUpAt) {
                throw new IllegalStateException("the app was not ready within " + STARTUP_LIMIT + "; see " + log);
            }
            Thread.sleep(100);
        }
        baseUrl = base;
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful stop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the app survived SIGKILL");
        }
    }

    /** SIGTERM: the graceful stop a user gets with Ctrl+C. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Where the app answers now; it changes with every start. */
    URI baseUrl() {
        return baseUrl;
    }

    private boolean ready(URI base) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                                                               .timeout(Duration.ofSeconds(2)).GET().build(),
                                                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
