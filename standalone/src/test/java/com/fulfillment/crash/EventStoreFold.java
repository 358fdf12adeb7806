package com.fulfillment.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The orders, products and payments as the event store tells them, read through the app's event browser API
 * (the global stream, page by page), to hold the views against.
 */
final class EventStoreFold {

    static final class OrderFold {
        String status = "PENDING";
        BigDecimal captured = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
    }

    static final class ProductFold {
        int onHand;
        int reserved;
        int sold;
        int restocks;
    }

    final Map<String, OrderFold> orders = new HashMap<>();
    final Map<String, ProductFold> products = new HashMap<>();
    final List<JsonNode> compensationFailures = new ArrayList<>();
    long events;

    static EventStoreFold read(CrashClient client) throws InterruptedException {
        EventStoreFold fold = new EventStoreFold();
        String from = "after=-1";
        int emptyPages = 0;
        while (true) {
            JsonNode page = client.get("/api/admin/events?limit=500&" + from);
            JsonNode events = page.path("events");
            // The browser answers what it fetched within 50 ms: one empty page can mean a busy store, not the end.
            if (events.isEmpty()) {
                if (++emptyPages == 5) {
                    return fold;
                }
                continue;
            }
            emptyPages = 0;
            events.forEach(event -> fold.apply(event.path("type").asText(), event.path("payload")));
            // go on from the page's end, asking again for what had not committed when it was read
            StringJoiner gaps = new StringJoiner(",", "&gaps=", "").setEmptyValue("");
            page.path("gaps").forEach(gap -> gaps.add(gap.asText()));
            from = "after=" + page.path("next").asText() + gaps;
        }
    }

    private void apply(String type, JsonNode payload) {
        events++;
        String orderId = payload.path("orderId").asText();
        String productId = payload.path("productId").asText();
        switch (type) {
            case "OrderPlacedEvent" -> orders.computeIfAbsent(orderId, id -> new OrderFold());
            case "OrderConfirmedEvent" -> order(orderId).status = "CONFIRMED";
            case "OrderRejectedEvent" -> order(orderId).status = "REJECTED";
            case "OrderCancelledEvent" -> order(orderId).status = "CANCELLED";
            case "PaymentCompletedEvent", "PaymentCapturedAfterExpiryEvent" -> order(orderId).captured = amount(payload);
            case "PaymentRefundedEvent" -> order(orderId).refunded = amount(payload);
            case "ProductAddedEvent" -> product(productId).onHand = payload.path("initialStock").asInt();
            case "ProductRestockedEvent" -> {
                product(productId).onHand += payload.path("quantity").asInt();
                product(productId).restocks++;
            }
            case "StockReservedEvent" -> product(productId).reserved += payload.path("quantity").asInt();
            case "StockReleasedEvent" -> product(productId).reserved -= payload.path("quantity").asInt();
            case "StockSoldEvent" -> {
                ProductFold product = product(productId);
                int quantity = payload.path("quantity").asInt();
                product.reserved -= quantity;
                product.sold += quantity;
                product.onHand -= quantity;
            }
            case "StockReturnedEvent" -> {
                ProductFold product = product(productId);
                int quantity = payload.path("quantity").asInt();
                product.sold -= quantity;
                product.onHand += quantity;
            }
            case "CompensationFailedEvent" -> compensationFailures.add(payload);
            default -> { }
        }
    }

    private OrderFold order(String orderId) {
        return orders.computeIfAbsent(orderId, id -> new OrderFold());
    }

    private ProductFold product(String productId) {
        return products.computeIfAbsent(productId, id -> new ProductFold());
    }

    private static BigDecimal amount(JsonNode payload) {
        return payload.path("amount").path("amount").decimalValue();
    }
}
