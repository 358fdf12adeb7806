package com.fulfillment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fulfillment.scenarios.FulfillmentInvariants.PlacedOrder;
import com.fulfillment.scenarios.OrderTrace.Step;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The fulfillment paths of the README, end to end over HTTP, written once for both runtime shapes: an
 * order confirmed, one rejected for want of stock, one rejected because the payment was declined, and a
 * confirmed one cancelled. Each checks the outcome where a client sees it, in the order and product views
 * of the query side, down to the last compensation: nothing held, nothing charged that was not refunded.
 *
 * <p>The runtime under test must decline charges above {@code declineAbove} (in EUR) and approve the
 * others; every scenario uses products of its own, so they may run in any order against one runtime.
 */
public final class FulfillmentScenarios {

    /** How long an eventually consistent view may take; generous, since the distributed shape adds hops. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(60);

    private static final BigDecimal UNIT_PRICE = new BigDecimal("12.50");
    private static final int STOCK = 10;
    private static final int CONCURRENT_ORDERS = 24;

    private final FulfillmentApi api;
    private final FulfillmentInvariants invariants;
    private final BigDecimal declineAbove;
    private final Duration patience;

    public FulfillmentScenarios(FulfillmentEndpoints endpoints, BigDecimal declineAbove) {
        this(endpoints, declineAbove, DEFAULT_PATIENCE);
    }

    public FulfillmentScenarios(FulfillmentEndpoints endpoints, BigDecimal declineAbove, Duration patience) {
        if (declineAbove.compareTo(UNIT_PRICE.multiply(BigDecimal.valueOf(STOCK))) < 0) {
            throw new IllegalArgumentException("the decline limit must leave room for the orders that are to be "
                                               + "approved (" + UNIT_PRICE + " x " + STOCK + "), was " + declineAbove);
        }
        this.api = new FulfillmentApi(endpoints, patience);
        this.invariants = new FulfillmentInvariants(endpoints.queries(), endpoints.operator());
        this.declineAbove = declineAbove;
        this.patience = patience;
    }

    /** Stock reserved and sold, the money captured, the order confirmed. */
    public void anOrderIsConfirmedWhenStockAndPaymentGoThrough() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);

        String orderId = api.placeOrder(sku, 3);

        JsonNode order = api.awaitOrder(orderId, "confirmed and completed",
                                        view -> is(view, "status", "CONFIRMED") && is(view, "fulfillmentStatus", "COMPLETED"));
        assertThat(amount(order.path("total"))).isEqualByComparingTo("37.50");
        assertThat(order.at("/payment/status").asText()).isEqualTo("COMPLETED");
        assertThat(amount(order.at("/payment/captured"))).isEqualByComparingTo("37.50");
        api.awaitProduct(sku, "with 3 sold and 7 left", product ->
                product.path("sold").asInt() == 3 && product.path("available").asInt() == 7
                && product.path("reserved").asInt() == 0);
    }

    /**
     * The links a placement answers with lead to the order from where the client called, and the order's status
     * stream starts with its statuses as they are.
     */
    public void aPlacedOrdersLinkAndStatusStreamLeadToTheOrder() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);

        HttpResponse<String> placed = api.placeOrderAnswer(sku, 1);

        JsonNode accepted = api.read(placed.body());
        String orderId = accepted.path("orderId").asText();
        String location = placed.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location in the answer to a placement"));
        assertThat(accepted.path("href").asText()).isEqualTo(location);
        URI link = placed.request().uri().resolve(location);
        JsonNode order = api.awaitView(link, "order " + orderId + " at " + link + " confirmed",
                                       view -> is(view, "status", "CONFIRMED") && is(view, "fulfillmentStatus", "COMPLETED"));
        assertThat(order.path("orderId").asText()).isEqualTo(orderId);

        JsonNode current = api.firstStatusEvent(orderId);
        assertThat(current.path("orderId").asText()).isEqualTo(orderId);
        assertThat(current.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(current.path("fulfillmentStatus").asText()).isEqualTo("COMPLETED");
    }

    /**
     * An order's overview gives, in one answer, the order view, its payment's attempts and how much of each
     * ordered product is available now; an unknown order has none.
     */
    public void anOrdersOverviewGathersItsPaymentAndItsProductsAvailability() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);
        String orderId = api.placeOrder(sku, 2);
        api.awaitOrder(orderId, "confirmed and completed",
                       view -> is(view, "status", "CONFIRMED") && is(view, "fulfillmentStatus", "COMPLETED"));
        api.awaitProduct(sku, "with 2 sold", product -> product.path("sold").asInt() == 2);

        HttpResponse<String> answer = api.orderOverview(orderId);
        HttpResponse<String> unknown = api.orderOverview("no-such-order-" + sku);

        assertThat(answer.statusCode()).as("GET overview: %s", answer.body()).isEqualTo(200);
        JsonNode overview = api.read(answer.body());
        assertThat(overview.path("partial").asBoolean(true)).as(answer.body()).isFalse();
        assertThat(overview.path("missing")).isEmpty();
        assertThat(overview.at("/order/orderId").asText()).isEqualTo(orderId);
        assertThat(overview.at("/order/status").asText()).isEqualTo("CONFIRMED");
        assertThat(overview.at("/payment/status").asText()).isEqualTo("COMPLETED");
        assertThat(overview.at("/payment/attempts").asInt()).isPositive();
        assertThat(overview.path("availability")).hasSize(1);
        assertThat(overview.at("/availability/0/productId").asText()).isEqualTo(sku);
        assertThat(overview.at("/availability/0/available").asInt()).isEqualTo(STOCK - 2);
        assertProblem(unknown, 404, "no-such-order-" + sku);
    }

    /** A line that cannot be reserved rejects the order, names the shortage, and nothing stays reserved. */
    public void anOrderForMoreThanIsInStockIsRejectedNamingTheShortage() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);

        String orderId = api.placeOrder(sku, STOCK + 2);

        JsonNode order = api.awaitOrder(orderId, "rejected with nothing left to undo",
                                        view -> is(view, "status", "REJECTED") && is(view, "fulfillmentStatus", "FAILED"));
        assertThat(order.path("rejectionReason").asText()).contains("out of stock").contains(sku);
        assertThat(order.at("/shortages/0/productId").asText()).isEqualTo(sku);
        assertThat(order.at("/shortages/0/requested").asInt()).isEqualTo(STOCK + 2);
        assertThat(order.at("/shortages/0/available").asInt()).isEqualTo(STOCK);
        assertThat(amount(order.at("/payment/captured"))).isEqualByComparingTo("0");
        api.awaitProduct(sku, "with all its stock available", product ->
                product.path("available").asInt() == STOCK && product.path("reserved").asInt() == 0);
    }

    /** A declined charge rejects the order and releases the stock reserved for it. */
    public void aDeclinedPaymentRejectsTheOrderAndReleasesItsStock() {
        BigDecimal tooExpensive = declineAbove.add(new BigDecimal("100.00"));
        String sku = api.addProduct(tooExpensive, 5);

        String orderId = api.placeOrder(sku, 1);

        JsonNode order = api.awaitOrder(orderId, "rejected with its stock released",
                                        view -> is(view, "status", "REJECTED") && is(view, "fulfillmentStatus", "FAILED"));
        assertThat(order.path("rejectionReason").asText()).contains("payment declined");
        assertThat(order.at("/payment/status").asText()).isEqualTo("DECLINED");
        assertThat(amount(order.at("/payment/captured"))).isEqualByComparingTo("0");
        api.awaitProduct(sku, "with all its stock available again", product ->
                product.path("available").asInt() == 5 && product.path("reserved").asInt() == 0
                && product.path("sold").asInt() == 0);
    }

    /** Cancelling a confirmed order refunds the money and puts the stock back on the shelf. */
    public void aConfirmedOrderThatIsCancelledIsRefundedAndRestocked() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);
        String orderId = api.placeOrder(sku, 4);
        api.awaitOrder(orderId, "confirmed", view -> is(view, "status", "CONFIRMED"));

        api.cancelOrder(orderId, "changed my mind");

        JsonNode order = api.awaitOrder(orderId, "cancelled, refunded and restocked",
                                        view -> is(view, "status", "CANCELLED") && is(view, "fulfillmentStatus", "FAILED"));
        assertThat(order.path("cancellationReason").asText()).isEqualTo("changed my mind");
        assertThat(order.at("/payment/status").asText()).isEqualTo("REFUNDED");
        assertThat(amount(order.at("/payment/refunded"))).isEqualByComparingTo("50.00");
        api.awaitProduct(sku, "with its stock back", product ->
                product.path("available").asInt() == STOCK && product.path("sold").asInt() == 0
                && product.path("reserved").asInt() == 0);
    }

    /**
     * A client that retries a placement with the same {@code Idempotency-Key} gets the first answer again,
     * and only one order exists: the retry must be recognised wherever the order's handler runs.
     */
    public void aRetriedPlacementIsAnsweredAsTheFirstAndPlacesNothingMore() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);
        String key = "retry-" + sku;

        HttpResponse<String> first = api.tryToPlaceOrder(sku, 2, key);
        HttpResponse<String> retried = api.tryToPlaceOrder(sku, 2, key);

        assertThat(first.statusCode()).as("first placement: %s", first.body()).isEqualTo(202);
        assertThat(retried.statusCode()).as("retried placement: %s", retried.body()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).contains("false");
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        String orderId = api.read(first.body()).path("orderId").asText();
        assertThat(api.read(retried.body()).path("orderId").asText()).isEqualTo(orderId);
        api.awaitOrder(orderId, "confirmed", view -> is(view, "status", "CONFIRMED"));
        api.awaitProduct(sku, "with 2 sold, once", product ->
                product.path("sold").asInt() == 2 && product.path("available").asInt() == STOCK - 2);
    }

    /**
     * Commands the domain refuses are answered as problems a client can act on, the same in either shape:
     * a cancellation of an ended order is a conflict, of an unknown one not found, a second product with the
     * same id a conflict, and an order for a product not in the catalogue bad input naming the line; none of
     * them changes anything.
     */
    public void refusedCommandsAreAnsweredWithProblemsThatSayWhy() {
        String sku = api.addProduct(UNIT_PRICE, STOCK);
        String rejected = api.placeOrder(sku, STOCK + 1);
        api.awaitOrder(rejected, "rejected", view -> is(view, "status", "REJECTED"));

        HttpResponse<String> lateCancel = api.tryToCancelOrder(rejected, "too late");
        HttpResponse<String> unknownCancel = api.tryToCancelOrder("no-such-order-" + sku, "never placed");
        HttpResponse<String> duplicate = api.tryToAddProduct(sku, UNIT_PRICE, 99);
        HttpResponse<String> unknownProduct = api.tryToPlaceOrder("unknown-" + sku, 1, null);

        assertProblem(lateCancel, 409, "REJECTED");
        assertProblem(unknownCancel, 404, "no-such-order-" + sku);
        assertProblem(duplicate, 409, sku);
        assertProblem(unknownProduct, 400, "unknown product unknown-" + sku);
        assertThat(api.read(unknownProduct.body()).at("/errors/0/field").asText()).isEqualTo("lines[0].productId");
        api.awaitOrder(rejected, "still rejected, not cancelled", view ->
                is(view, "status", "REJECTED") && !view.hasNonNull("cancellationReason"));
        api.awaitProduct(sku, "with its first stock, not the duplicate's", product ->
                product.path("available").asInt() == STOCK);
    }

    /**
     * Paths the web server refuses before the application sees them (an encoded '/', '\' or NUL in a
     * segment) are answered with the same problem body as every other bad request, by every part of the API,
     * never with the server's HTML error page.
     */
    public void pathsTheWebServerRefusesAreAnsweredWithProblems() {
        Map<String, String> price = Map.of("amount", "1.00", "currency", "EUR");
        List<HttpResponse<String>> answers = List.of(
                api.tryRawPath("PUT", "catalogue", "/api/products/%5C/price", price),
                api.tryRawPath("PUT", "catalogue", "/api/products/a%2Fb/price", price),
                api.tryRawPath("POST", "orders", "/api/orders/%00/cancel", Map.of("reason", "odd")),
                api.tryRawPath("GET", "queries", "/api/orders/%5C", null));

        answers.forEach(answer -> assertProblem(answer, 400, "cannot be read"));
    }

    /**
     * Orders placed at once, from several clients, for more stock than there is and some for more than the
     * card allows, all end; afterwards every product's stock adds up (nothing left reserved, sold exactly what
     * the confirmed orders bought) and only confirmed orders were charged. Run against a deployment while its
     * parts are restarted, this is the check that a failure lost nothing.
     */
    public void concurrentOrdersForScarceStockAllEndAndAddUp() {
        int perProduct = 6;
        List<String> products = List.of(api.addProduct(UNIT_PRICE, perProduct), api.addProduct(UNIT_PRICE, perProduct),
                                        api.addProduct(declineAbove.add(BigDecimal.ONE), perProduct));
        Random random = new Random(42);
        List<int[]> asked = new ArrayList<>(); // product index, quantity
        for (int i = 0; i < CONCURRENT_ORDERS; i++) {
            asked.add(new int[] {random.nextInt(products.size()), 1 + random.nextInt(3)});
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<String> orderIds;
        try {
            List<Future<String>> placed = new ArrayList<>();
            for (int[] order : asked) {
                placed.add(clients.submit(() -> api.placeOrder(products.get(order[0]), order[1])));
            }
            orderIds = new ArrayList<>();
            for (Future<String> order : placed) {
                orderIds.add(order.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("an order could not be placed", e.getCause());
        } finally {
            clients.shutdownNow();
        }

        // Some customers change their minds while their orders are under way; one that ended first refuses (409).
        for (int i = 0; i < orderIds.size(); i += 4) {
            int status = api.tryToCancelOrder(orderIds.get(i), "changed my mind").statusCode();
            assertThat(status).as("cancelling %s", orderIds.get(i)).isIn(202, 409);
        }
        List<PlacedOrder> placedOrders = new ArrayList<>();
        for (int i = 0; i < orderIds.size(); i++) {
            JsonNode order = api.awaitOrder(orderIds.get(i), "ended", view ->
                    !is(view, "status", "PENDING") && !is(view, "fulfillmentStatus", "PENDING")
                    && !is(view, "fulfillmentStatus", "COMPENSATING"));
            assertThat(order.path("status").asText()).as("order above the card limit")
                    .isIn(asked.get(i)[0] == 2 ? List.of("REJECTED", "CANCELLED") : List.of("CONFIRMED", "REJECTED", "CANCELLED"));
            placedOrders.add(new PlacedOrder(orderIds.get(i), Map.of(products.get(asked.get(i)[0]), asked.get(i)[1])));
        }
        Map<String, Integer> stockAdded = new HashMap<>();
        products.forEach(product -> stockAdded.put(product, perProduct));
        // Views of different orders and products catch up at their own pace: wait until they all add up.
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            await("stock and money add up").atMost(patience).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(0, invariants.violations(placedOrders, stockAdded));
                        return last.get(0).isEmpty();
                    });
        } catch (ConditionTimeoutException timedOut) {
            throw new AssertionError("broken after " + patience + ": " + last.get(0), timedOut);
        }
    }

    /**
     * One trace per request: an order placed under a sampled {@code traceparent} is traced from the REST call
     * through each context's command handling, every saga step, the query that waits for its outcome, the
     * payment provider's call (over HTTP, both its sides) and the read side's projection, each span a descendant of the one that caused
     * it. The runtime under test must sample traces and export its spans to what {@code recordedSpans} reads.
     */
    public void anOrderIsOneTraceFromItsRequestThroughEveryContext(Supplier<Collection<SpanData>> recordedSpans) {
        String sku = api.addProduct(UNIT_PRICE, STOCK);
        String traceId = randomHex(32);

        HttpResponse<String> placed = api.placeOrderAndWait(sku, 1, Map.of(
                "traceparent", OrderTrace.traceparent(traceId, randomHex(16))));

        assertThat(placed.statusCode()).as("placing an order: %s", placed.body()).isEqualTo(200);
        assertThat(api.read(placed.body()).path("status").asText()).isEqualTo("CONFIRMED");
        Step request = Step.http(SpanKind.SERVER, "/api/orders");
        Step[] throughStockToTheProvider = {request,
                Step.handling("PlaceOrderCommand"),
                Step.saga("StockReservationSaga", "OrderPlacedEvent"), Step.handling("ReserveStockCommand"),
                Step.saga("PaymentSaga", "OrderStockReservedEvent"), Step.handling("RequestPaymentCommand"),
                Step.providerCall("charge", "/charges")};
        // Over HTTP (the distributed shape, or a provider URL given), the provider's side of the call is in the trace
        // too; the standalone app calls the simulator it serves in its own process, with no HTTP in between.
        Step[] intoTheProviderOverHttp = {Step.http(SpanKind.CLIENT, "/charges"),
                                          Step.http(SpanKind.SERVER, "/charges")};
        Step[] fromThePaymentToTheSale = {Step.handling("RequestPaymentCommand"),
                Step.handling("RecordPaymentCapturedCommand"),
                Step.saga("OrderFulfillmentSaga", "PaymentCompletedEvent"), Step.handling("ConfirmOrderCommand"),
                Step.saga("StockReservationSaga", "OrderConfirmedEvent"), Step.handling("CommitStockCommand")};
        Step[] toTheReadSide = {Step.handling("ConfirmOrderCommand"), Step.projecting("OrderViewProjection", "OrderConfirmedEvent")};
        Step[] waitingForTheOutcome = {request, Step.querying("FindOrderStatusQuery")};
        try {
            // The last steps (the sale, the views) run after the answer, and each span is recorded as it ends, after
            // its children.
            await("the order's trace").atMost(patience).pollInterval(Duration.ofMillis(200)).until(() -> {
                OrderTrace trace = OrderTrace.of(traceId, recordedSpans.get());
                return trace.follows(throughStockToTheProvider) && trace.follows(fromThePaymentToTheSale)
                       && trace.follows(toTheReadSide) && trace.follows(waitingForTheOutcome)
                       && (trace.follows(intoTheProviderOverHttp) || !trace.has(intoTheProviderOverHttp[0]))
                       && trace.isOneTree();
            });
        } catch (ConditionTimeoutException incomplete) {
            OrderTrace trace = OrderTrace.of(traceId, recordedSpans.get());
            trace.assertFollows(throughStockToTheProvider);
            trace.assertFollows(fromThePaymentToTheSale);
            trace.assertFollows(toTheReadSide);
            trace.assertFollows(waitingForTheOutcome);
            if (trace.has(intoTheProviderOverHttp[0])) {
                trace.assertFollows(intoTheProviderOverHttp);
            }
        }
        OrderTrace trace = OrderTrace.of(traceId, recordedSpans.get());
        assertThat(trace.entry().getName()).as("where the trace enters the runtime").isEqualTo("http post /api/orders");
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        ThreadLocalRandom.current().ints(digits, 0, 16).forEach(digit -> hex.append(Character.forDigit(digit, 16)));
        return hex.toString();
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailMentions) {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = api.read(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).contains(detailMentions);
    }

    private static boolean is(JsonNode view, String field, String value) {
        return value.equals(view.path(field).asText());
    }

    private static BigDecimal amount(JsonNode money) {
        return FulfillmentInvariants.amount(money);
    }
}
