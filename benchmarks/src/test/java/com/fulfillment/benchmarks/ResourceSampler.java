package com.fulfillment.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the app's CPU, heap, and open subscription queries and order event streams from its actuator metrics once
 * a second while the load runs (summed over the processes of a distributed deployment), and counts those left open
 * once it is over.
 *
 * <p>A plain thread with the JDK HttpClient rather than a Gatling scenario: Gatling records how long requests
 * take, not the values they return as a time series, and these requests must not count among the orders.
 */
final class ResourceSampler implements AutoCloseable {

    /**
     * One sample: when ({@link System#nanoTime()}), process CPU (share of all cores), whole-machine CPU, heap bytes,
     * subscription queries and order event streams open (NaN from a deployment without the former's gauge).
     */
    record Sample(long atNanos, double processCpu, double machineCpu, double heapBytes, double subscriptions) {}

    static final String SUBSCRIPTIONS = "fulfillment.query.subscriptions";
    /** Order event streams follow their orders without a subscription query; only the read side serves them. */
    static final String STREAMS = "fulfillment.query.order-event-streams";

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.eE+]+)");

    private final List<String> baseUrls;
    /** The metrics are the operator's to read. */
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resource-sampler");
        thread.setDaemon(true);
        return thread;
    });

    ResourceSampler(List<String> baseUrls, String operatorAuthorization) {
        this.baseUrls = baseUrls;
        this.authorization = operatorAuthorization;
    }

    void start() {
        if (!baseUrls.isEmpty()) {
            timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        double cpu = 0;
        double machine = 0;
        double heap = 0;
        double subscriptions = 0;
        for (String baseUrl : baseUrls) {
            double processCpu = metric(baseUrl, "process.cpu.usage");
            double heapBytes = metric(baseUrl, "jvm.memory.used?tag=area:heap");
            if (Double.isNaN(processCpu) || Double.isNaN(heapBytes)) {
                return;
            }
            cpu += processCpu;
            heap += heapBytes;
            subscriptions += following(baseUrl);
            // the same machine for every process here; a deployment across machines reports their mean
            machine += metric(baseUrl, "system.cpu.usage") / baseUrls.size();
        }
        samples.add(new Sample(System.nanoTime(), cpu, machine, heap, subscriptions));
    }

    /**
     * The subscription queries and order event streams still open once every order has its final status and its
     * client has stopped following it, read until there are none or {@code patience} has passed: the app learns
     * that a client has closed its event stream when a write to it fails (a keep-alive every second by default).
     * NaN when a process has no subscription gauge.
     */
    double subscriptionsLeftOpen(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            double open = baseUrls.stream().mapToDouble(this::following).sum();
            if (!(open > 0) || System.nanoTime() > deadline) {
                return baseUrls.isEmpty() ? Double.NaN : open;
            }
            Thread.sleep(250);
        }
    }

    /** The JIT's accumulated compilation time of every process, in milliseconds; NaN when one does not tell. */
    double compilationMillis() {
        return baseUrls.isEmpty() ? Double.NaN
                : baseUrls.stream().mapToDouble(baseUrl -> metric(baseUrl, "jvm.compilation.time")).sum();
    }

    /** A process's subscription queries and order event streams; NaN without the former's gauge. */
    private double following(String baseUrl) {
        double streams = metric(baseUrl, STREAMS);
        return metric(baseUrl, SUBSCRIPTIONS) + (Double.isNaN(streams) ? 0 : streams);
    }

    private double metric(String baseUrl, String name) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics/" + name))
                               .header("Authorization", authorization)
                               .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher value = VALUE.matcher(response.body());
            return response.statusCode() == 200 && value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
        } catch (java.io.IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
