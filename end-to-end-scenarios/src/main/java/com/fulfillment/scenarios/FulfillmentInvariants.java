package com.fulfillment.scenarios;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold once a run of orders has settled, however often a part was killed during it, read from the
 * query API alone so that both runtime shapes check the same thing (the standalone crash test, the
 * distributed shape's fault drill through its scenario):
 * <ul>
 *   <li>every acknowledged order ended: confirmed, rejected or cancelled, its fulfillment completed or failed,
 *       nothing left compensating, and no compensation refused for good;</li>
 *   <li>money: a confirmed order was charged its total and nothing refunded; any other order got back all
 *       that was captured;</li>
 *   <li>stock, per product: nothing reserved any more, on hand plus sold is what was added (initial stock plus
 *       restocks), and sold is what the confirmed orders asked for.</li>
 * </ul>
 * Every broken rule is reported, not only the first, so that a long run's report counts them.
 */
public final class FulfillmentInvariants {

    private static final Set<String> ENDED_ORDER = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final Set<String> ENDED_FULFILLMENT = Set.of("COMPLETED", "FAILED");

    private final URI queries;
    private final Credentials reader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Checks through the query API served at {@code queries}, as {@code reader}: an operator, who sees every order. */
    public FulfillmentInvariants(URI queries, Credentials reader) {
        this.queries = queries;
        this.reader = reader;
    }

    /** An order a client was told was accepted, and how much of which product it asked for. */
    public record PlacedOrder(String orderId, Map<String, Integer> quantities) {}

    /**
     * The rules broken now, each as a sentence naming the order or product; empty when all hold.
     *
     * @param orders     every order acknowledged during the run
     * @param stockAdded per product of the run, its initial stock plus everything restocked
     */
    public List<String> violations(Collection<PlacedOrder> orders, Map<String, Integer> stockAdded) {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> soldToConfirmed = new HashMap<>();
        stockAdded.keySet().forEach(product -> soldToConfirmed.put(product, 0));
        for (PlacedOrder placed : orders) {
            JsonNode order = view("/api/orders/" + placed.orderId());
            if (order == null) {
                violations.add("order " + placed.orderId() + " is not in the order view");
                continue;
            }
            String status = order.path("status").asText();
            String fulfillment = order.path("fulfillmentStatus").asText();
            if (!ENDED_ORDER.contains(status) || !ENDED_FULFILLMENT.contains(fulfillment)) {
                violations.add("order " + placed.orderId() + " has not ended: " + status + " / " + fulfillment);
            }
            if (order.path("compensationFailures").size() > 0) {
                violations.add("order " + placed.orderId() + " has compensations refused for good: "
                               + order.path("compensationFailures"));
            }
            BigDecimal captured = amount(order.at("/payment/captured"));
            BigDecimal refunded = amount(order.at("/payment/refunded"));
            if ("CONFIRMED".equals(status)) {
                placed.quantities().forEach((product, quantity) -> soldToConfirmed.merge(product, quantity, Integer::sum));
                BigDecimal total = amount(order.path("total"));
                if (captured.compareTo(total) != 0 || refunded.signum() != 0) {
                    violations.add("confirmed order " + placed.orderId() + " charged " + captured + " and refunded "
                                   + refunded + " of a total of " + total);
                }
            } else if (captured.compareTo(refunded) != 0) {
                violations.add(status + " order " + placed.orderId() + " captured " + captured + " but refunded "
                               + refunded);
            }
        }
        stockAdded.forEach((productId, added) -> {
            JsonNode product = view("/api/products/" + productId);
            if (product == null) {
                violations.add("product " + productId + " is not in the product view");
                return;
            }
            int onHand = product.path("onHand").asInt();
            int reserved = product.path("reserved").asInt();
            int sold = product.path("sold").asInt();
            if (reserved != 0) {
                violations.add("product " + productId + " still has " + reserved + " reserved");
            }
            if (onHand + sold != added) {
                violations.add("product " + productId + ": on hand " + onHand + " + sold " + sold + " != added " + added);
            }
            if (sold != soldToConfirmed.get(productId)) {
                violations.add("product " + productId + ": sold " + sold + " but the confirmed orders asked for "
                               + soldToConfirmed.get(productId));
            }
        });
        return violations;
    }

    /** The view at {@code path}, or null while the read side does not have it or does not answer. */
    private JsonNode view(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(queries.resolve(path))
                                                                 .header("Accept", "application/json")
                                                                 .header("Authorization", reader.authorization())
                                                                 .timeout(Duration.ofSeconds(10))
                                                                 .GET().build(),
                                                      HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException unreachable) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A money field's amount; a missing or null one counts as nothing. */
    public static BigDecimal amount(JsonNode money) {
        JsonNode amount = money.path("amount");
        return amount.isMissingNode() || amount.isNull() ? BigDecimal.ZERO : amount.decimalValue();
    }
}
