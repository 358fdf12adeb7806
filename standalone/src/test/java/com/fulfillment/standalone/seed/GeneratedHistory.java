package com.fulfillment.standalone.seed;

import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Confirmed orders over a catalogue, as the write side stores them: every aggregate's stream (Order, Product,
 * Payment) numbered from 0 without gaps, each event with the metadata the app gives it (trace, causation,
 * correlation, user), one millisecond apart.
 *
 * <p>Order {@code n} has a line for the hot product when {@code n < hotProductOrders}; besides that it has one
 * line of the spread products, and every other order a second one (so 8 to 10 events an order, 9 on average).
 * Products are {@code <prefix>p000}, {@code <prefix>p001}, ... and the hot one {@code <prefix>hot-p000}: the
 * benchmark's product names, so that {@code -Dbench.productPrefix=<prefix>} orders the spread ones and
 * {@code -Dbench.productPrefix=<prefix>hot- -Dbench.products=1} the hot one. Customers are
 * {@code bench-customer-0} ... as the benchmark's.
 *
 * @param orders           confirmed orders
 * @param products         products the orders are spread over
 * @param customers        customers the orders are spread over
 * @param hotProductOrders orders (the first ones) with a line for the hot product; 0: no hot product
 * @param stock            initial stock of every product: ample, so that new orders still find some
 * @param prefix           id prefix of products and orders
 */
public record GeneratedHistory(int orders, int products, int customers, int hotProductOrders, int stock,
                               String prefix) {

    private static final Money PRICE = Money.of("10.00", "EUR");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public GeneratedHistory {
        if (orders < 0 || products < 2 || customers < 1 || hotProductOrders < 0 || hotProductOrders > orders) {
            throw new IllegalArgumentException("orders >= 0, products >= 2, customers >= 1 and 0 <= hotProductOrders"
                                               + " <= orders, were " + orders + ", " + products + ", " + customers
                                               + ", " + hotProductOrders);
        }
        if (stock < orders) {
            throw new IllegalArgumentException("stock " + stock + " would not cover " + orders + " orders");
        }
    }

    public ProductId product(int i) {
        return ProductId.of(prefix + String.format(Locale.ROOT, "p%03d", i));
    }

    public ProductId hotProduct() {
        return ProductId.of(prefix + "hot-p000");
    }

    public OrderId orderId(int n) {
        return OrderId.of(prefix + "order-" + n);
    }

    public CustomerId customer(int n) {
        return CustomerId.of("bench-customer-" + n % customers);
    }

    /** The products' lines an order has, in the order it names them. */
    public List<ProductId> linesOf(int n) {
        List<ProductId> lines = new ArrayList<>(3);
        if (n < hotProductOrders) {
            lines.add(hotProduct());
        }
        lines.add(product(n % products));
        ProductId second = product((n * 7 + 3) % products);
        if (n % 2 == 1 && !lines.contains(second)) {
            lines.add(second);
        }
        return lines;
    }

    /** The whole history at once: only for small stores, a large one is written {@link Writer#nextOrder() an order at a time}. */
    public List<EventMessage<?>> all() {
        Writer writer = writer();
        List<EventMessage<?>> events = new ArrayList<>(writer.catalogue());
        for (int n = 0; n < orders; n++) {
            events.addAll(writer.nextOrder());
        }
        return events;
    }

    public Writer writer() {
        return new Writer();
    }

    /** Hands out the events in store order, keeping the products' sequence numbers and the clock. */
    public final class Writer {

        private final Map<ProductId, Long> productSequences = new HashMap<>();
        private long millis;
        private int next;

        private Writer() {
        }

        /** The products added to the catalogue: the spread ones, then the hot one. */
        public List<EventMessage<?>> catalogue() {
            List<EventMessage<?>> events = new ArrayList<>();
            List<ProductId> catalogue = new ArrayList<>();
            for (int p = 0; p < products; p++) {
                catalogue.add(product(p));
            }
            if (hotProductOrders > 0) {
                catalogue.add(hotProduct());
            }
            for (ProductId product : catalogue) {
                MetaData metaData = metaData(UUID.randomUUID().toString(), null);
                events.add(productEvent(product, new ProductAddedEvent(product, "Product " + product.value(), PRICE,
                                                                       stock), metaData));
            }
            return events;
        }

        public boolean hasNext() {
            return next < orders;
        }

        /** The next order's events, from its placement to the sale of its stock. */
        public List<EventMessage<?>> nextOrder() {
            int n = next++;
            OrderId orderId = orderId(n);
            List<ProductId> lines = linesOf(n);
            List<OrderLine> ordered = lines.stream().map(product -> new OrderLine(product, 1)).toList();
            List<PricedLine> priced = lines.stream().map(product -> new PricedLine(product, 1, PRICE, PRICE)).toList();
            Money total = PRICE.times(lines.size());
            PaymentId paymentId = PaymentId.forOrder(orderId);
            String trace = UUID.randomUUID().toString();
            List<EventMessage<?>> events = new ArrayList<>(10);
            long orderSequence = 0;
            long paymentSequence = 0;
            events.add(domainEvent("Order", orderId.value(), orderSequence++,
                                   new OrderPlacedEvent(orderId, customer(n), ordered), metaData(trace, trace)));
            for (ProductId product : lines) {
                events.add(productEvent(product, new StockReservedEvent(product, orderId, 1, PRICE),
                                        causedBy(events, trace)));
            }
            events.add(new GenericEventMessage<>(UUID.randomUUID().toString(),
                                                 new OrderStockReservedEvent(orderId, priced, total),
                                                 causedBy(events, trace), tick()));
            events.add(domainEvent("Payment", paymentId.value(), paymentSequence++,
                                   new PaymentRequestedEvent(paymentId, orderId, total), causedBy(events, trace)));
            events.add(domainEvent("Payment", paymentId.value(), paymentSequence,
                                   new PaymentCompletedEvent(paymentId, orderId, total, "psp-" + n),
                                   causedBy(events, trace)));
            events.add(domainEvent("Order", orderId.value(), orderSequence, new OrderConfirmedEvent(orderId),
                                   causedBy(events, trace)));
            MetaData sale = causedBy(events, trace);
            for (ProductId product : lines) {
                events.add(productEvent(product, new StockSoldEvent(product, orderId, 1), sale));
            }
            return events;
        }

        private EventMessage<?> productEvent(ProductId product, Object payload, MetaData metaData) {
            long sequence = productSequences.merge(product, 1L, Long::sum) - 1;
            return domainEvent("Product", product.value(), sequence, payload, metaData);
        }

        private EventMessage<?> domainEvent(String type, String aggregateId, long sequence, Object payload,
                                            MetaData metaData) {
            return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData,
                                                   UUID.randomUUID().toString(), tick());
        }

        private Instant tick() {
            return START.plusMillis(millis++);
        }
    }

    private static MetaData causedBy(List<EventMessage<?>> events, String trace) {
        return metaData(trace, events.get(events.size() - 1).getIdentifier());
    }

    private static MetaData metaData(String trace, String causation) {
        Map<String, Object> values = new HashMap<>();
        values.put("traceId", trace);
        values.put("causationId", causation == null ? trace : causation);
        values.put("correlationId", UUID.randomUUID().toString());
        values.put("userId", "operator");
        return MetaData.from(values);
    }
}
