package com.fulfillment.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.crash.EventStoreFold.OrderFold;
import com.fulfillment.crash.EventStoreFold.ProductFold;
import com.fulfillment.scenarios.FulfillmentInvariants;
import com.fulfillment.scenarios.FulfillmentInvariants.PlacedOrder;
import com.fulfillment.standalone.TestUsers;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the standalone app with SIGKILL at random moments while a steady stream of orders, some of them
 * cancelled, competes for a few scarce products, starts it again on the same data directory each time, lets
 * it settle, and checks that nothing was lost or done twice: the {@link FulfillmentInvariants} over the
 * views, no compensation refused for good, and the views equal to what the event store says.
 *
 * <p>Runs against the jar the build just packaged (failsafe, after {@code package}). The build runs a short
 * drill; a longer one, for example 20 kills over 10 minutes:
 * <pre>./mvnw -B -ntp -pl standalone -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StandaloneCrashIT \
 *     -Dcrash.kills=20 -Dcrash.minutes=10</pre>
 * Its figures go to {@code standalone/target/crash-report.txt}; the app's log to {@code target/crash-app.log}.
 */
class StandaloneCrashIT {

    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final double MINUTES = Double.parseDouble(System.getProperty("crash.minutes", "0"));
    private static final int ORDERS_PER_SECOND = Integer.getInteger("crash.rate", 8);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(Integer.getInteger("crash.settle-seconds", 150));
    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int INITIAL_STOCK = 12;
    private static final int RESTOCK = 4;
    private static final double CANCELLED_SHARE = 0.25;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
    private final Path target = Path.of("target");
    private StandaloneProcess app;
    /** The operator: the catalogue, the event store, every view. */
    private CrashClient client;
    /** The customer whose orders are placed and cancelled. */
    private CrashClient customer;
    private final List<PlacedOrder> placed = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> restocked = new ConcurrentHashMap<>();
    private final Map<String, Integer> restocksUnanswered = new ConcurrentHashMap<>();
    private final AtomicInteger cancellations = new AtomicInteger();
    private final AtomicInteger unansweredRequests = new AtomicInteger();
    private final AtomicInteger refusedAsTooMany = new AtomicInteger();
    private final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();
    private volatile boolean loading = true;

    @AfterEach
    void stopApp() throws InterruptedException {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void afterRepeatedKillsEveryOrderEndsStockAndMoneyAddUpAndTheViewsEqualTheEventStore() throws Exception {
        Path jar = target.resolve("fulfillment-standalone.jar");
        assertThat(jar).as("the packaged app; run this through failsafe after package").exists();
        app = new StandaloneProcess(jar.toAbsolutePath(), dataDir, target.resolve("crash-app.log").toAbsolutePath(),
                                    PAYMENT_TIMEOUT);
        client = new CrashClient(app::baseUrl, TestUsers.OPERATOR);
        customer = new CrashClient(app::baseUrl, TestUsers.ALICE);
        long runStarted = System.nanoTime();
        Duration firstStart = app.start();
        List<String> products = addScarceProducts();

        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clients = Executors.newFixedThreadPool(12);
        pacer.scheduleAtFixedRate(() -> clients.submit(() -> placeOrder(products, clients)),
                                  0, 1000 / ORDERS_PER_SECOND, TimeUnit.MILLISECONDS);
        pacer.scheduleAtFixedRate(() -> clients.submit(() -> restock(products)), 2, 4, TimeUnit.SECONDS);

        List<Duration> restarts = new ArrayList<>();
        Duration meanUptime = MINUTES > 0 ? Duration.ofMillis((long) (MINUTES * 60_000 / (KILLS + 1)))
                                          : Duration.ofSeconds(5);
        for (int kill = 0; kill < KILLS; kill++) {
            long uptime = (long) (meanUptime.toMillis() * (0.1 + 1.8 * random.nextDouble()));
            Thread.sleep(Math.max(200, uptime - (restarts.isEmpty() ? 0 : restarts.get(restarts.size() - 1).toMillis())));
            app.kill();
            restarts.add(app.start());
        }
        long loadEnds = runStarted + (MINUTES > 0 ? (long) (MINUTES * 60e9) : 0);
        Thread.sleep(Math.max(3000, (loadEnds - System.nanoTime()) / 1_000_000));
        pacer.shutdownNow();
        loading = false;
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("clients done").isTrue();
        Duration loadTook = Duration.ofNanos(System.nanoTime() - runStarted);

        long settleStarted = System.nanoTime();
        FulfillmentInvariants invariants = new FulfillmentInvariants(app.baseUrl(), TestUsers.OPERATOR);
        EventStoreFold store;
        List<String> violations;
        do {
            // The views follow the store asynchronously: only what still differs at the limit is a violation.
            store = EventStoreFold.read(client);
            violations = new ArrayList<>(invariants.violations(placed, stockAdded(products, store)));
            violations.addAll(viewsDifferingFromTheStore(store, products));
        } while (!violations.isEmpty() && System.nanoTime() - settleStarted < SETTLE_LIMIT.toNanos()
                 && sleep(Duration.ofSeconds(2)));
        Duration settled = Duration.ofNanos(System.nanoTime() - settleStarted);
        List<String> found = new ArrayList<>(violations);
        found.addAll(unexpectedAnswers);
        store.compensationFailures.forEach(failure -> found.add("compensation refused for good: " + failure));

        String report = report(firstStart, restarts, loadTook, settled, store, found);
        Files.writeString(target.resolve("crash-report.txt"), report);
        System.out.println(report);
        assertThat(found).as(report).isEmpty();
    }

    private List<String> addScarceProducts() throws InterruptedException {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String productId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> added = client.post("/api/products", Map.of(
                    "productId", productId,
                    "name", "Scarce product " + i,
                    "unitPrice", Map.of("amount", new BigDecimal("2.50").add(BigDecimal.valueOf(i)), "currency", "EUR"),
                    "initialStock", INITIAL_STOCK), Map.of());
            assertThat(added).isNotNull();
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            products.add(productId);
        }
        return products;
    }

    /**
     * Sends the placement again under its idempotency key until the app answers: it is then placed once. A 429 (more
     * placements by this customer in a second than the app admits, which the requests held back during a restart
     * reach once it is ready) stored nothing and is sent again after its {@code Retry-After}, as a client should.
     */
    private void placeOrder(List<String> products, ExecutorService clients) {
        String productId = products.get(random.nextInt(products.size()));
        int quantity = 1 + random.nextInt(2);
        String key = "crash-" + UUID.randomUUID();
        try {
            HttpResponse<String> answer;
            while (true) {
                answer = customer.post("/api/orders", Map.of(
                        "customerId", TestUsers.ALICE.user(),
                        "lines", List.of(Map.of("productId", productId, "quantity", quantity))),
                        Map.of("Idempotency-Key", key));
                if (answer != null && answer.statusCode() == 429) {
                    refusedAsTooMany.incrementAndGet();
                    Thread.sleep(retryAfter(answer).toMillis());
                } else if (answer == null || answer.statusCode() >= 500) {
                    unansweredRequests.incrementAndGet();
                    Thread.sleep(300);
                } else {
                    break;
                }
            }
            if (answer.statusCode() != 202 && answer.statusCode() != 200) {
                unexpectedAnswers.add("placing an order under key " + key + " answered " + answer.statusCode() + ": "
                                      + answer.body());
                return;
            }
            String orderId = JSON.readTree(answer.body()).path("orderId").asText();
            placed.add(new PlacedOrder(orderId, Map.of(productId, quantity)));
            if (random.nextDouble() < CANCELLED_SHARE && loading) {
                Thread.sleep(random.nextInt(2000));
                cancel(orderId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Nobody reads this task's future: an error must reach the report, not vanish with the task.
            unexpectedAnswers.add("placing an order under key " + key + " failed: " + e);
        }
    }

    /** How long a 429 asks to wait: its {@code Retry-After} in seconds, one second when it names none. */
    private static Duration retryAfter(HttpResponse<String> refusal) {
        return refusal.headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds)
                      .orElse(Duration.ofSeconds(1));
    }

    /** A cancellation the order refuses (409: it ended already) is an answer too. */
    private void cancel(String orderId) throws InterruptedException {
        HttpResponse<String> answer;
        while ((answer = customer.post("/api/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"),
                                     Map.of())) == null || answer.statusCode() >= 500) {
            unansweredRequests.incrementAndGet();
            Thread.sleep(300);
        }
        if (answer.statusCode() == 202) {
            cancellations.incrementAndGet();
        }
    }

    /**
     * A restock is not idempotent, so an unanswered one is not sent again: whether it happened is then read
     * from the event store, which must hold at least the answered ones and at most all that were sent.
     */
    private void restock(List<String> products) {
        String productId = products.get(random.nextInt(products.size()));
        try {
            HttpResponse<String> answer = client.post("/api/products/" + productId + "/restock",
                                                      Map.of("quantity", RESTOCK), Map.of());
            if (answer != null && answer.statusCode() / 100 == 2) {
                restocked.merge(productId, 1, Integer::sum);
            } else {
                restocksUnanswered.merge(productId, 1, Integer::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Integer> stockAdded(List<String> products, EventStoreFold store) {
        Map<String, Integer> added = new HashMap<>();
        for (String product : products) {
            int answered = restocked.getOrDefault(product, 0);
            int stored = store.products.getOrDefault(product, new ProductFold()).restocks;
            int restocks = stored >= answered && stored <= answered + restocksUnanswered.getOrDefault(product, 0)
                           ? stored : answered;
            added.put(product, INITIAL_STOCK + restocks * RESTOCK);
        }
        return added;
    }

    private List<String> viewsDifferingFromTheStore(EventStoreFold store, List<String> products)
            throws InterruptedException {
        List<String> differences = new ArrayList<>();
        for (PlacedOrder order : placed) {
            if (!store.orders.containsKey(order.orderId())) {
                differences.add("acknowledged order " + order.orderId() + " is not in the event store");
            }
        }
        for (Map.Entry<String, OrderFold> entry : store.orders.entrySet()) {
            JsonNode view = client.find("/api/orders/" + entry.getKey());
            OrderFold stored = entry.getValue();
            if (view == null) {
                differences.add("order " + entry.getKey() + " (" + stored.status + " in the event store) has no view");
                continue;
            }
            BigDecimal captured = FulfillmentInvariants.amount(view.at("/payment/captured"));
            BigDecimal refunded = FulfillmentInvariants.amount(view.at("/payment/refunded"));
            if (!view.path("status").asText().equals(stored.status) || captured.compareTo(stored.captured) != 0
                || refunded.compareTo(stored.refunded) != 0) {
                differences.add("order " + entry.getKey() + ": view " + view.path("status").asText() + " captured "
                                + captured + " refunded " + refunded + ", event store " + stored.status + " captured "
                                + stored.captured + " refunded " + stored.refunded);
            }
        }
        for (String productId : products) {
            JsonNode view = client.get("/api/products/" + productId);
            ProductFold stored = store.products.get(productId);
            if (view.path("onHand").asInt() != stored.onHand || view.path("reserved").asInt() != stored.reserved
                || view.path("sold").asInt() != stored.sold) {
                differences.add("product " + productId + ": view " + view + ", event store on hand " + stored.onHand
                                + " reserved " + stored.reserved + " sold " + stored.sold);
            }
        }
        return differences;
    }

    private static boolean sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
        return true;
    }

    private String report(Duration firstStart, List<Duration> restarts, Duration loadTook, Duration settled,
                          EventStoreFold store, List<String> violations) {
        List<Long> millis = new ArrayList<>(restarts.stream().map(Duration::toMillis).toList());
        Collections.sort(millis);
        long confirmed = store.orders.values().stream().filter(order -> order.status.equals("CONFIRMED")).count();
        StringBuilder report = new StringBuilder()
                .append("crash run: ").append(placed.size()).append(" orders acknowledged (").append(confirmed)
                .append(" confirmed, ").append(cancellations.get()).append(" cancellations accepted), ")
                .append(KILLS).append(" kills (SIGKILL) over ").append(loadTook.toSeconds()).append(" s, ")
                .append(unansweredRequests.get()).append(" requests unanswered and sent again, ")
                .append(refusedAsTooMany.get()).append(" refused as too many (429) and sent again later\n")
                .append("first start ").append(firstStart.toMillis()).append(" ms; restarts until ready (ms): ")
                .append(millis.isEmpty() ? "none" : "min " + millis.get(0) + ", median " + millis.get(millis.size() / 2)
                                                    + ", max " + millis.get(millis.size() - 1) + " " + millis)
                .append('\n')
                .append("settled ").append(settled.toMillis()).append(" ms after the load; event store: ")
                .append(store.events).append(" events, ").append(store.compensationFailures.size())
                .append(" compensation failures\n")
                .append("violations: ").append(violations.size()).append('\n');
        violations.stream().limit(50).forEach(violation -> report.append("  ").append(violation).append('\n'));
        return report.toString();
    }
}
