package com.fulfillment.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The orders the benchmark places and the catalogue they need: {@code products} products with ample stock, one
 * with none (a line for it rejects the order for want of stock) and one priced over the card limit that the
 * simulator is told to decline (a line for it gets the order's payment declined).
 *
 * <p>The set-up goes through the JDK HttpClient rather than a Gatling scenario: it must be complete before the
 * first order arrives, and its requests are not part of what is measured.
 */
final class Workload {

    /** What an order is built to end as. */
    enum Kind {
        /** Every line in stock, payment approved: CONFIRMED. */
        NORMAL("CONFIRMED"),
        /** One line for a product without stock: REJECTED by inventory. */
        OUT_OF_STOCK("REJECTED"),
        /** One line that takes the total over the card limit: REJECTED after the payment is declined. */
        DECLINED("REJECTED");

        final String expectedStatus;

        Kind(String expectedStatus) {
            this.expectedStatus = expectedStatus;
        }
    }

    /** An order to place: its kind and its JSON body. */
    record Order(Kind kind, String body) {}

    static final int STOCK = 1_000_000;
    /** No order of in-stock lines comes near it: at most 3 lines of 3 units at 99.99. */
    static final String CARD_LIMIT = "5000";
    private static final String OVER_LIMIT_PRICE = "9999.00";
    private static final int MAX_LINES = 3;
    private static final int MAX_QUANTITY = 3;

    private final BenchmarkSettings settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Workload(BenchmarkSettings settings) {
        this.settings = settings;
    }

    /** Creates the catalogue (a product that exists already is kept) and sets the simulator's faults. */
    void prepare(String catalogueBaseUrl, String simulatorUrl) throws IOException, InterruptedException {
        for (int i = 0; i < settings.products(); i++) {
            addProduct(catalogueBaseUrl, productId(i), "Benchmark product " + i,
                       String.format(Locale.ROOT, "%d.%02d", 1 + i % 99, i % 100), STOCK);
        }
        addProduct(catalogueBaseUrl, soldOutProduct(), "Benchmark product out of stock", "5.00", 0);
        addProduct(catalogueBaseUrl, overLimitProduct(), "Benchmark product over the card limit", OVER_LIMIT_PRICE,
                   STOCK);
        if (settings.declineShare() > 0) {
            if (simulatorUrl == null) {
                throw new IllegalStateException("Declined orders need the payment simulator: set bench.simulatorUrl"
                                                + " or bench.declineShare=0");
            }
            send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/admin")),
                 "{\"latencyMillis\":0,\"errorRate\":0,\"timeoutRate\":0,\"down\":false,\"declineRate\":0,"
                 + "\"declineAbove\":" + CARD_LIMIT + "}", 200);
        }
    }

    /** A random order: 1 to 3 lines, out of stock and declined at the configured shares. */
    Order next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double draw = random.nextDouble();
        Kind kind = draw < settings.outOfStockShare() ? Kind.OUT_OF_STOCK
                : draw < settings.outOfStockShare() + settings.declineShare() ? Kind.DECLINED
                : Kind.NORMAL;
        int lines = 1 + random.nextInt(Math.min(MAX_LINES, settings.products()));
        int special = kind == Kind.NORMAL ? -1 : random.nextInt(lines);
        StringJoiner json = new StringJoiner(",", "[", "]");
        int first = random.nextInt(settings.products());
        for (int line = 0; line < lines; line++) {
            String product = line == special ? (kind == Kind.OUT_OF_STOCK ? soldOutProduct() : overLimitProduct())
                    // distinct products: an order names each product once
                    : productId((first + line) % settings.products());
            json.add("{\"productId\":\"" + product + "\",\"quantity\":" + (1 + random.nextInt(MAX_QUANTITY)) + "}");
        }
        // The operator orders on behalf of customers spread over bench.customers; a customer orders for themselves.
        String customer = settings.ordersOnBehalf()
                          ? "\"customerId\":\"bench-customer-" + random.nextInt(settings.customers()) + "\"," : "";
        return new Order(kind, "{" + customer + "\"lines\":" + json + "}");
    }

    private String productId(int i) {
        return settings.productPrefix() + String.format(Locale.ROOT, "p%03d", i);
    }

    private String soldOutProduct() {
        return settings.productPrefix() + "sold-out";
    }

    private String overLimitProduct() {
        return settings.productPrefix() + "over-limit";
    }

    private void addProduct(String baseUrl, String id, String name, String price, int stock)
            throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/products")),
             "{\"productId\":\"" + id + "\",\"name\":\"" + name + "\",\"unitPrice\":{\"amount\":" + price
             + ",\"currency\":\"EUR\"},\"initialStock\":" + stock + "}",
             201, 409);
    }

    private void send(HttpRequest.Builder request, String json, int... accepted)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                       .header("Authorization", settings.operatorAuthorization())
                       .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException("Set-up request " + response.request().uri() + " answered "
                                        + response.statusCode() + ": " + response.body());
    }
}
