package com.fulfillment.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Orders placed over HTTP and followed on the read side until their final status: the throughput and latency
 * benchmark (BENCHMARKS.md). Each virtual user places one order ({@code POST /api/orders}) and then follows it on
 * the query side's stream ({@code GET /api/orders/{id}/events}) until the read model shows CONFIRMED, REJECTED or
 * CANCELLED. The Gatling group "order" spans both, so with group durations on (gatling.conf) the report's group
 * figures are POST → final status visible; the summary printed at the end computes the same from its own clock.
 *
 * <p>Without {@code bench.baseUrl} the standalone jar is started here (before the load is set up, since the
 * protocol needs its port) and stopped at the end.
 */
public class OrderThroughputSimulation extends Simulation {

    /** The order's own status field (not reservationStatus etc.) at a final value, raw or as escaped JSON. */
    private static final String FINAL_STATUS = "[{,]\\\\?\"status\\\\?\":\\\\?\"(CONFIRMED|REJECTED|CANCELLED)";

    /** Gatling's default request time-out: a POST may take this long before the order is followed. */
    private static final java.time.Duration POST_TIMEOUT = java.time.Duration.ofSeconds(60);
    /**
     * How long the subscription queries and order event streams left open are read for once the load is over: the
     * app learns that a client has closed its order's stream when the second keep-alive after it fails (one a second
     * by default; this leaves room for a deployment that writes them every 5 s).
     */
    private static final java.time.Duration LEFT_OPEN_PATIENCE = java.time.Duration.ofSeconds(15);

    private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    private final OrderLog log = new OrderLog();
    private final Workload workload = new Workload(settings);
    private final StandaloneApp app;
    private final String ordersUrl;
    private final String queryUrl;
    private final ResourceSampler sampler;
    private final JitActivity jit;
    private final AtomicInteger warmupPlaced = new AtomicInteger();
    /** How the warm-up ended, once it has. */
    private final AtomicReference<String> warmedUp = new AtomicReference<>();
    private volatile long warmupStarted;
    private String loadBefore = "?";

    public OrderThroughputSimulation() {
        app = settings.baseUrl() == null ? startApp() : null;
        ordersUrl = app == null ? settings.baseUrl() : app.baseUrl();
        queryUrl = app == null ? settings.queryBaseUrl() : app.baseUrl();
        sampler = new ResourceSampler(app == null ? settings.metricsUrls() : List.of(app.baseUrl()),
                                      settings.operatorAuthorization());
        jit = new JitActivity(sampler::compilationMillis, settings.warmupJitWindow());

        HttpProtocolBuilder protocol = http.baseUrl(ordersUrl)
                // Gatling's default warm-up request goes to an outside host
                .disableWarmUp()
                .userAgentHeader("fulfillment-benchmark")
                // On every request, the order stream's included; HTTP Basic by default, checked per request.
                .authorizationHeader(settings.authorization());
        ScenarioBuilder orders = scenario("orders").exec(
                exec(session -> {
                    log.start();
                    Workload.Order order = workload.next();
                    return session.set("kind", order.kind()).set("body", order.body())
                                  .set("start", System.nanoTime());
                }),
                placeAndFollow("order"),
                exec(this::record),
                doIf(session -> session.contains("orderId")).then(sse("stop following").close()));

        PopulationBuilder population = switch (settings.shape()) {
            case OPEN -> {
                List<OpenInjectionStep> steps = new ArrayList<>(warmupSteps(settings.rate()));
                steps.add(constantUsersPerSec(settings.rate()).during(settings.duration()));
                yield orders.injectOpen(steps);
            }
            case STEPUP -> {
                List<OpenInjectionStep> steps = new ArrayList<>(warmupSteps(settings.startRate()));
                steps.add(incrementUsersPerSec(settings.rateStep())
                                  .times(settings.levels())
                                  .eachLevelLasting(settings.levelDuration())
                                  .startingFrom(settings.startRate()));
                yield orders.injectOpen(steps);
            }
            case CLOSED -> orders.injectClosed(
                    constantConcurrentUsers(settings.clients()).during(settings.warmup().plus(settings.duration())));
        };
        setUp(settings.warmupOrders() == 0 ? population : warmUp().andThen(population)).protocols(protocol)
                .maxDuration(settings.warmupBound().plus(settings.injectionTime()).plus(settings.finalTimeout())
                                     .plus(POST_TIMEOUT).plusSeconds(30));
    }

    /**
     * The POST, then the order's stream until its final status, as one Gatling group: the group's durations in the
     * report are POST → final status visible.
     */
    private ChainBuilder placeAndFollow(String groupName) {
        return group(groupName).on(
                http("place order")
                        .post("/api/orders"
                              + (settings.waitSeconds() > 0 ? "?waitSeconds=" + settings.waitSeconds() : ""))
                        .body(StringBody("#{body}")).asJson()
                        // Gatling 3.14 sends a request again on a new connection when its pooled keep-alive
                        // connection closes mid-response (HttpAppHandler.channelInactive resets "response received"
                        // before it tests it). The order's stream would take this POST's connection from the pool,
                        // and closing the stream would open it again on a new connection that nothing closes: one
                        // stream, and the app's end of it, left behind per order. So the POST's
                        // connection is not kept, and the stream opens one of its own.
                        .header("Connection", "close")
                        // the status saved before it is checked, so that a refusal is counted by its status
                        .check(status().saveAs("postStatus"),
                               status().in(200, 202),
                               jsonPath("$.orderId").saveAs("orderId")),
                exec(session -> session.set("posted", System.nanoTime()))
                        .doIf(session -> session.contains("orderId")).then(
                                sse("follow order").get(queryUrl + "/api/orders/#{orderId}/events")
                                        .await(settings.finalTimeout()).on(
                                                sse.checkMessage("final status in the read model")
                                                        .matching(regex(FINAL_STATUS))
                                                        .check(regex(FINAL_STATUS).saveAs("finalStatus"))),
                                exec(session -> session.set("final", System.nanoTime()))));
    }

    /**
     * Orders of the same workload placed before any load is measured, by {@code warmupClients} clients one after
     * another: a freshly started JVM spends the first few thousand orders compiling its hot code, which takes a
     * large share of the CPU (BENCHMARKS.md, "A JVM that is still compiling"). After {@code warmupOrders} of them
     * they go on while the JIT is still busy ({@code warmupJitShare}), for at most {@code warmupMax}. They are in
     * Gatling's report as the group "warm-up", not in the summary.
     */
    private PopulationBuilder warmUp() {
        return scenario("warm-up").asLongAs(session -> keepWarming()).on(
                        exec(session -> {
                            warmupPlaced.incrementAndGet();
                            return session.removeAll("orderId", "postStatus", "finalStatus")
                                          .set("body", workload.next().body());
                        }),
                        placeAndFollow("warm-up"),
                        doIf(session -> session.contains("orderId")).then(sse("stop following").close()))
                .exec(session -> {
                    warmupEnded();
                    return session;
                })
                .injectOpen(atOnceUsers(settings.warmupClientCount()));
    }

    private boolean keepWarming() {
        if (warmupPlaced.get() < settings.warmupOrders()) {
            return true;
        }
        return settings.warmupJitShare() > 0 && !jit.quieterThan(settings.warmupJitShare())
               && System.nanoTime() - warmupStarted < settings.warmupMax().toNanos();
    }

    /** Says once how the warm-up ended: its orders, its time, and the JIT's share of its last window. */
    private void warmupEnded() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - warmupStarted);
        if (warmedUp.compareAndSet(null, warmupPlaced.get() + " orders in " + seconds + " s, the JIT compiling "
                                         + jitShareAtTheEnd())) {
            jit.close();
            System.out.println("Warm-up over: " + warmedUp.get());
        }
    }

    private String jitShareAtTheEnd() {
        if (settings.warmupJitShare() <= 0) {
            return "not waited for";
        }
        if (jit.unreadable()) {
            return "not readable (jvm.compilation.time)";
        }
        String share = RunSummary.number(100 * jit.share()) + " % of the last "
                       + settings.warmupJitWindow().toSeconds() + " s";
        String limit = RunSummary.number(100 * settings.warmupJitShare());
        return jit.quieterThan(settings.warmupJitShare()) ? share
                : share + ", still over " + limit + " % at bench.warmupMax";
    }

    private List<OpenInjectionStep> warmupSteps(double rate) {
        return settings.warmup().isZero() ? List.of() : List.of(constantUsersPerSec(rate).during(settings.warmup()));
    }

    private Session record(Session session) {
        long start = session.getLong("start");
        log.add(new OrderLog.Entry(
                session.get("kind"),
                session.contains("orderId") ? session.getString("orderId") : null,
                start,
                session.contains("posted") ? session.getLong("posted") : start,
                session.contains("postStatus") ? session.getInt("postStatus") : 0,
                session.contains("finalStatus") ? session.getString("finalStatus") : null,
                session.contains("final") ? session.getLong("final") : -1));
        return session;
    }

    @Override
    public void before() {
        try {
            workload.prepare(app == null ? settings.catalogueBaseUrl() : app.baseUrl(),
                             app == null ? settings.simulatorUrl() : app.baseUrl() + "/simulator");
        } catch (IOException e) {
            closeApp();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            closeApp();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            closeApp();
            throw e;
        }
        loadBefore = RunSummary.loadAverage();
        sampler.start();
        warmupStarted = System.nanoTime();
        if (settings.warmupOrders() > 0 && settings.warmupJitShare() > 0) {
            jit.start();
        }
    }

    @Override
    public void after() {
        sampler.close();
        jit.close();
        try {
            RunSummary summary = RunSummary.of(settings, app == null ? ordersUrl : "standalone jar", log,
                                               sampler.samples(), sampler.subscriptionsLeftOpen(LEFT_OPEN_PATIENCE),
                                               loadBefore, warmedUp.get());
            summary.write(settings.outputDir());
            log.writeCsv(settings.outputDir().resolve("benchmark-orders.csv"));
            System.out.println();
            System.out.println("Benchmark summary (" + settings.outputDir().resolve("benchmark-summary.json") + "):");
            System.out.println(summary.json());
            if (!summary.levels().isEmpty()) {
                System.out.println("Step-up levels (saturated: " + summary.saturatedLevel().stream().mapToObj(
                        Integer::toString).findFirst().orElse("none") + ", keeps up to " + summary.sustained() + "):");
                System.out.print(summary.levelTable());
            }
            if (summary.subscriptionsLeftOpen() > 0) {
                System.out.println("Subscription queries and order event streams still open "
                                   + LEFT_OPEN_PATIENCE.toSeconds()
                                   + " s after the last order: " + RunSummary.number(summary.subscriptionsLeftOpen()));
            }
            List<String> unfinished = log.entries().stream().filter(e -> e.accepted() && !e.finished())
                    .map(OrderLog.Entry::orderId).limit(20).toList();
            if (!unfinished.isEmpty()) {
                System.out.println("Orders without a final status in the read model (first 20): " + unfinished);
            }
            System.out.println("Row for BENCHMARKS.md (also appended to "
                               + settings.outputDir().resolve("benchmark-results.md") + "):");
            System.out.println(summary.markdownRow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            closeApp();
        }
    }

    /** The summary's source, for the benchmark's own test. */
    OrderLog log() {
        return log;
    }

    private StandaloneApp startApp() {
        try {
            return StandaloneApp.start(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void closeApp() {
        if (app != null) {
            app.close();
        }
    }
}
