package com.fulfillment.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The standalone jar under {@code java -jar}, on a free port and its own data directory, with the simulator
 * answering at once and no demo catalogue: what a benchmark without a base URL measures.
 */
final class StandaloneApp implements AutoCloseable {

    /** Placements the benchmark's one user may send a second: far above any rate this benchmark offers. */
    static final int BENCHMARK_ORDERS_PER_USER = 1_000_000;

    private final Process process;
    private final Path dataDir;
    private final boolean deleteDataDir;
    private final String baseUrl;

    private StandaloneApp(Process process, Path dataDir, boolean deleteDataDir, String baseUrl) {
        this.process = process;
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
        this.baseUrl = baseUrl;
    }

    /** Starts the jar and returns once it reports itself ready. */
    static StandaloneApp start(BenchmarkSettings settings) throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException("No standalone jar at " + settings.jar()
                                            + ": build it with ./mvnw -B -ntp -pl standalone -am -DskipTests package");
        }
        boolean fresh = settings.dataDir() == null;
        Path dataDir = fresh ? Files.createTempDirectory("fulfillment-bench-") : settings.dataDir();
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        Arrays.stream(settings.appJvmArgs().trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
        command.addAll(List.of("-jar", settings.jar().toString()));
        Files.createDirectories(settings.outputDir());
        Path log = settings.outputDir().resolve("standalone-app.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("FULFILLMENT_DATA_DIR", dataDir.toString());
        builder.environment().put("FULFILLMENT_SEED_CATALOGUE", "false");
        builder.environment().put("PAYMENT_SIMULATOR_LATENCY", "0ms");
        builder.environment().put("FULFILLMENT_OPERATOR_PASSWORD", settings.operatorPassword());
        // One user places every order of the benchmark (the operator, for its customers, or one customer), where the
        // app refuses a user's placements past 100 a second by default (429): a limit for people, not for the load.
        builder.environment().put("FULFILLMENT_ADMISSION_ORDERS_PER_USER", Integer.toString(BENCHMARK_ORDERS_PER_USER));
        Process process = builder.start();
        StandaloneApp app = new StandaloneApp(process, dataDir, fresh, "http://localhost:" + port);
        System.out.printf("Started the standalone app, pid %d, at %s, data in %s, log %s%n",
                          process.pid(), app.baseUrl, dataDir, log);
        try {
            app.awaitReady(settings.startTimeout());
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        return app;
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration startTimeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The standalone app exited with " + process.exitValue()
                                                + " before it was ready; see its log");
            }
            try {
                if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The standalone app was not ready within " + startTimeout
                                        + " (more with -Dbench.startTimeout=<seconds>)");
    }

    /** Stops the app as a user would (SIGTERM, graceful shutdown), then deletes a temporary data directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (deleteDataDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not delete " + dataDir + ": " + e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
