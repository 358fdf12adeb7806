package com.fulfillment.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's parameters, all {@code bench.*} system properties (Maven passes {@code -Dbench.x=y} on to the
 * Gatling JVM). BENCHMARKS.md lists them with their meaning; the defaults are the baseline's workload.
 *
 * @param baseUrl          orders API of a running deployment; null to start the standalone jar
 * @param queryBaseUrl     query API (order streams), for the distributed shape where it is another service
 * @param catalogueBaseUrl catalogue API (products are created there before the run)
 * @param simulatorUrl     the payment simulator's base URL ({@code .../simulator}), whose faults set the declines
 * @param metricsUrls      base URLs whose {@code /actuator/metrics} are sampled for CPU and heap (summed)
 * @param shape            load shape
 * @param rate             orders per second of the open shape
 * @param duration         how long the open and closed shapes run after the warm-up
 * @param warmup           load before the measured window, at the (first) rate, left out of the summary
 * @param warmupOrders     orders placed before any of that, by {@code warmupClients} clients back to back, so that
 *                         the JVM under test has compiled its hot code; left out of the summary
 * @param warmupClients    concurrent clients of those orders
 * @param warmupJitShare   after {@code warmupOrders}, the warm-up goes on until the JIT compilers of the app took at
 *                         most this share of the last {@code warmupJitWindow} ({@code jvm.compilation.time}); 0: no
 *                         such wait
 * @param warmupJitWindow  the window that share is taken over
 * @param warmupMax        the longest the warm-up may go on for that share
 * @param startRate        first level of the step-up
 * @param rateStep         orders per second added at each level
 * @param levels           number of levels
 * @param levelDuration    length of each level
 * @param clients          concurrent clients of the closed shape, each placing one order after another
 * @param waitSeconds      sent as {@code POST /api/orders?waitSeconds=}, so the POST itself waits for the outcome
 * @param finalTimeout     an order without a final status in the read model this long after its POST is unfinished
 * @param products         products with ample stock that orders choose from
 * @param productPrefix    id prefix of the products; a fixed one reuses them across runs (their history grows)
 * @param customers        customer ids orders are spread over
 * @param outOfStockShare  share of orders with a line for a product that has no stock (rejected)
 * @param declineShare     share of orders with a line priced over the simulator's card limit (declined, rejected)
 * @param jar              standalone jar to start when no base URL is given
 * @param dataDir          data directory for that jar; null for a fresh temporary one, deleted afterwards
 * @param appJvmArgs       JVM options for that jar, e.g. {@code -XX:StartFlightRecording=...}
 * @param startTimeout     how long that jar may take to report itself ready (minutes on a busy machine)
 * @param outputDir        where the summary files are written
 * @param label            free text for the summary row (e.g. what was changed)
 * @param projectDir       the repository's root (for the commit the run is from)
 * @param user             who places the orders: the operator (default), on behalf of {@code customers}
 *                         customers, or one customer (e.g. {@code alice}), whose own orders they all are
 * @param password         that user's password (HTTP Basic)
 * @param operatorPassword the operator's, for the set-up and the metrics; given to the jar started here
 */
record BenchmarkSettings(
        String baseUrl,
        String queryBaseUrl,
        String catalogueBaseUrl,
        String simulatorUrl,
        List<String> metricsUrls,
        Shape shape,
        double rate,
        Duration duration,
        Duration warmup,
        int warmupOrders,
        int warmupClients,
        double warmupJitShare,
        Duration warmupJitWindow,
        Duration warmupMax,
        double startRate,
        double rateStep,
        int levels,
        Duration levelDuration,
        int clients,
        int waitSeconds,
        Duration finalTimeout,
        int products,
        String productPrefix,
        int customers,
        double outOfStockShare,
        double declineShare,
        Path jar,
        Path dataDir,
        String appJvmArgs,
        Duration startTimeout,
        Path outputDir,
        String label,
        Path projectDir,
        String user,
        String password,
        String operatorPassword) {

    /** The load shapes. */
    enum Shape {
        /** Open model: orders arrive at a fixed rate, whether or not earlier ones have finished. */
        OPEN,
        /** Open model in levels of rising rate, to find where completion stops keeping up with arrival. */
        STEPUP,
        /** Closed model: a fixed number of clients, each placing its next order when the last one finished. */
        CLOSED
    }

    static final String PREFIX = "bench.";
    /**
     * Orders after which a freshly started standalone jar has about settled: its compiler threads took a fifth of
     * the CPU after 3,000 orders and a twentieth after 4,000 (BENCHMARKS.md, "A JVM that is still compiling").
     */
    static final int DEFAULT_WARMUP_ORDERS = 5000;
    /**
     * The JIT's share of the last 20 s below which a warmed-up app's CPU per order has settled: after 4,000 orders the
     * compilers still took a quarter of the app's CPU, and the app 39 ms of CPU per order; after 14,000, 3 % and 20-23
     * ms (BENCHMARKS.md, "The JIT still compiling after 5,000 orders").
     */
    static final double DEFAULT_WARMUP_JIT_SHARE = 0.05;
    static final String OPERATOR = "operator";
    /** The operator's password where none is given: what the jar started here is given, or the environment's. */
    private static final String DEFAULT_OPERATOR_PASSWORD =
            System.getenv().getOrDefault("FULFILLMENT_OPERATOR_PASSWORD", "benchmark-operator");

    static BenchmarkSettings fromSystemProperties() {
        Path projectDir = Path.of(property("bench.projectDir", "..")).toAbsolutePath().normalize();
        String baseUrl = trimSlash(property("bench.baseUrl"));
        String queryBaseUrl = trimSlash(property("bench.queryBaseUrl", baseUrl));
        String catalogueBaseUrl = trimSlash(property("bench.catalogueBaseUrl", baseUrl));
        String simulatorUrl = trimSlash(property("bench.simulatorUrl",
                                                           baseUrl == null ? null : baseUrl + "/simulator"));
        String metrics = property("bench.metricsUrls", baseUrl);
        List<String> metricsUrls = metrics == null ? List.of()
                : Arrays.stream(metrics.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(BenchmarkSettings::trimSlash).toList();
        String dataDir = property("bench.dataDir");
        String user = property("bench.user", OPERATOR);
        String operatorPassword = property("bench.operatorPassword", user.equals(OPERATOR)
                ? property("bench.password", DEFAULT_OPERATOR_PASSWORD) : DEFAULT_OPERATOR_PASSWORD);
        String password = property("bench.password", user.equals(OPERATOR) ? operatorPassword : "demo");
        return new BenchmarkSettings(
                baseUrl, queryBaseUrl, catalogueBaseUrl, simulatorUrl, metricsUrls,
                Shape.valueOf(property("bench.shape", "open").toUpperCase()),
                number("bench.rate", 10),
                seconds("bench.duration", 60),
                seconds("bench.warmup", 10),
                // a JVM started here is cold; one given by its URL is taken to have been running
                (int) number("bench.warmupOrders", baseUrl == null ? DEFAULT_WARMUP_ORDERS : 0),
                (int) number("bench.warmupClients", 8),
                number("bench.warmupJitShare", DEFAULT_WARMUP_JIT_SHARE),
                seconds("bench.warmupJitWindow", 20),
                seconds("bench.warmupMax", 900),
                number("bench.startRate", 10),
                number("bench.rateStep", 10),
                (int) number("bench.levels", 8),
                seconds("bench.levelDuration", 20),
                (int) number("bench.clients", 1),
                (int) number("bench.waitSeconds", 0),
                seconds("bench.finalTimeout", 30),
                (int) number("bench.products", 100),
                property("bench.productPrefix",
                                   "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-"),
                (int) number("bench.customers", 1000),
                number("bench.outOfStockShare", 0.05),
                number("bench.declineShare", 0.03),
                Path.of(property("bench.jar",
                                           projectDir.resolve("standalone/target/fulfillment-standalone.jar").toString())),
                dataDir == null ? null : Path.of(dataDir),
                property("bench.appJvmArgs", ""),
                seconds("bench.startTimeout", 600),
                Path.of(property("bench.outputDir", projectDir.resolve("benchmarks/target").toString())),
                property("bench.label", ""),
                projectDir,
                user,
                password,
                operatorPassword);
    }

    /** The command that repeats this run: every {@code bench.*} property that was set, in a stable order. */
    static String command() {
        Map<String, String> set = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith(PREFIX) && !key.equals("bench.projectDir") && !key.endsWith("assword")) {
                set.put(key, unquoted(v.toString()));
            }
        });
        StringBuilder command = new StringBuilder("./mvnw -B -ntp -Pbenchmark -pl benchmarks -am verify -DskipTests");
        set.forEach((k, v) -> command.append(" -D").append(k).append('=')
                                     .append(v.matches("[A-Za-z0-9_.:/,=+-]*") ? v : "'" + v + "'"));
        return command.toString();
    }

    /** Whether the orders are placed by the operator on customers' behalf rather than by one customer. */
    boolean ordersOnBehalf() {
        return user.equals(OPERATOR);
    }

    /** The {@code Authorization} header of whoever places the orders. */
    String authorization() {
        return basic(user, password);
    }

    /** The {@code Authorization} header of the operator. */
    String operatorAuthorization() {
        return basic(OPERATOR, operatorPassword);
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                                          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** How long load is injected, warm-up included. */
    Duration injectionTime() {
        return warmup.plus(shape == Shape.STEPUP ? levelDuration.multipliedBy(levels) : duration);
    }

    /**
     * The longest the orders of the warm-up may take, for Gatling's cap on the whole run: each client's orders one
     * after another, every one at the POST's and the stream's time-outs.
     */
    Duration warmupBound() {
        if (warmupOrders == 0) {
            return Duration.ZERO;
        }
        Duration orders = finalTimeout.plusSeconds(60).multipliedBy(warmupOrdersPerClient());
        return warmupJitShare > 0 ? orders.plus(warmupMax).plus(finalTimeout).plusSeconds(60) : orders;
    }

    /** Clients of the warm-up: {@code warmupClients}, but no more than there are orders to place. */
    int warmupClientCount() {
        return Math.max(1, Math.min(warmupClients, warmupOrders));
    }

    /** Orders each warm-up client places, so that together they place at least {@code warmupOrders}. */
    int warmupOrdersPerClient() {
        return (warmupOrders + warmupClientCount() - 1) / warmupClientCount();
    }

    /** Arrival rate of a step-up level, counted from 0. */
    double levelRate(int level) {
        return startRate + level * rateStep;
    }

    private static double number(String key, double defaultValue) {
        String value = property(key);
        return value == null || value.isBlank() ? defaultValue : Double.parseDouble(value.trim());
    }

    private static Duration seconds(String key, double defaultSeconds) {
        return Duration.ofMillis(Math.round(number(key, defaultSeconds) * 1000));
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        return value == null ? null : unquoted(value);
    }

    private static String property(String key, String defaultValue) {
        String value = property(key);
        return value == null ? defaultValue : value;
    }

    /**
     * A value as it was given: the Gatling Maven plugin hands its forked JVM a property whose value holds a space
     * in double quotes (for Windows' command line), and elsewhere they arrive as part of the value
     * ({@code -Dbench.appJvmArgs="-Da=1 -Db=2"} would be one argument, {@code "-Da=1}, and a label would show them).
     */
    static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
               ? value.substring(1, value.length() - 1) : value;
    }

    private static String trimSlash(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
