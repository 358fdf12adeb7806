package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.app.Gatling$;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark itself works: a few orders of every kind against the standalone jar, and the summary counts
 * what the read model holds afterwards. No figure of speed is asserted; that is what the benchmark is for.
 */
class OrderThroughputSimulationTest {

    @TempDir
    Path output;

    private StandaloneApp app;
    private String operator;

    @AfterEach
    void stopApp() {
        System.getProperties().keySet().removeIf(key -> key.toString().startsWith(BenchmarkSettings.PREFIX));
        if (app != null) {
            app.close();
        }
    }

    @Test
    void summaryCountsEveryOrderPlacedAndTheOutcomeTheReadModelShows() throws Exception {
        System.setProperty("bench.projectDir", Path.of("..").toAbsolutePath().normalize().toString());
        System.setProperty("bench.outputDir", output.toString());
        // A starved build machine can take longer than the default 30 s to charge an order, which would then be
        // rejected for want of payment and counted as an unexpected outcome; this test is not about speed.
        System.setProperty("bench.appJvmArgs", "-Dfulfillment.payment-timeout=10m");
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        operator = settings.operatorAuthorization();
        app = StandaloneApp.start(settings);
        Map.of("bench.baseUrl", app.baseUrl(),
               "bench.shape", "open",
               "bench.rate", "4",
               "bench.duration", "5",
               "bench.warmup", "0",
               "bench.products", "5",
               // every kind of order shows up among 20
               "bench.outOfStockShare", "0.25",
               "bench.declineShare", "0.25",
               // a busy build machine may be slow; nothing here is about speed
               "bench.finalTimeout", "120").forEach(System::setProperty);
        // placed before the measured orders, and not counted among them
        System.setProperty("bench.warmupOrders", "6");
        System.setProperty("bench.warmupClients", "2");
        // and then as long as it takes to read the JIT's activity over one whole window, whatever it is
        System.setProperty("bench.warmupJitShare", "100");
        System.setProperty("bench.warmupJitWindow", "2");

        int status = Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", OrderThroughputSimulation.class.getName(),
                "--results-folder", output.resolve("gatling").toString(),
                "--no-reports"});

        assertThat(status).as("Gatling's exit status").isZero();
        String summary = Files.readString(output.resolve("benchmark-summary.json"));
        String measured = summary.substring(summary.indexOf("\"measured\""));
        assertThat(count(measured, "sent")).as("4 orders/s for 5 s").isEqualTo(20);
        assertThat(count(measured, "completed")).isEqualTo(20);
        assertThat(count(measured, "errors")).isZero();
        assertThat(count(measured, "unfinished")).isZero();
        assertThat(count(measured, "unexpectedOutcomes")).isZero();
        assertThat(summary).as("every order's stream closed, and its subscription query with it")
                           .contains("\"subscriptionQueriesLeftOpen\":0.0");
        Matcher warmUp = Pattern.compile(
                "\"warmUp\":\"(\\d+) orders in \\d+ s, the JIT compiling [0-9.]+ % of the last 2 s\"").matcher(summary);
        assertThat(warmUp.find()).as("the warm-up's orders and the JIT's share read from the app: %s", summary)
                                 .isTrue();
        int warmupOrders = Integer.parseInt(warmUp.group(1));
        assertThat(warmupOrders).as("at least bench.warmupOrders").isGreaterThanOrEqualTo(6);
        assertThat(ordersInReadModel(null)).as("the warm-up's orders and the 20 measured").isEqualTo(warmupOrders + 20);
        int confirmed = count(measured, "confirmed");
        int rejected = count(measured, "rejected");
        assertThat(confirmed + rejected).isEqualTo(20);
        assertThat(ordersInReadModel("CONFIRMED")).isBetween(confirmed, confirmed + warmupOrders);
        assertThat(ordersInReadModel("REJECTED")).isBetween(rejected, rejected + warmupOrders);
        List<String> orders = Files.readAllLines(output.resolve("benchmark-orders.csv"));
        assertThat(orders).as("a header and a line per order of the load, not of the warm-up before it")
                          .hasSize(1 + 20);
        assertThat(orders.subList(1, orders.size()))
                .as("each with its id, 202 and final status")
                .allMatch(line -> line.matches("[^,]+,\\w+,202,(CONFIRMED|REJECTED),.*"));
        assertThat(Files.readString(output.resolve("benchmark-results.md")))
                .startsWith(RunSummary.MARKDOWN_HEADER)
                .contains("| open | 4.0 /s |");
    }

    private int ordersInReadModel(String status) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/orders?size=1"
                                                  + (status == null ? "" : "&status=" + status)))
                           .header("Authorization", operator).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return count(page.body(), "totalOrders");
    }

    private static int count(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(value.find()).as("%s in %s", field, json).isTrue();
        return Integer.parseInt(value.group(1));
    }
}
