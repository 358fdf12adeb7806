package com.fulfillment.query.customer;

import com.fulfillment.kernel.Money;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's totals. Two orders of one customer may be projected at the same time on different
 * segments, so the totals are never incremented: they are summed again from the customer's orders and
 * written only if the document did not change meanwhile (its version), which makes them right after
 * any interleaving, redelivery or crash.
 */
@Document(CustomerDocument.COLLECTION)
class CustomerDocument {

    static final String COLLECTION = "customer_views";

    @Id
    private String customerId;
    private long totalOrders;
    private long confirmedOrders;
    private List<Money> spent = List.of();
    private Instant lastOrderAt;
    private Instant updatedAt;
    @Version
    private Long version;

    CustomerDocument() {
        // Spring Data fills a stored document in field by field.
    }

    /** Sums a customer's orders; {@code current} lends its version so that the write is checked against it. */
    static CustomerDocument summarize(String customerId, List<CustomerOrderDocument> orders, CustomerDocument current) {
        CustomerDocument customer = new CustomerDocument();
        customer.customerId = customerId;
        customer.version = current == null ? null : current.version;
        customer.totalOrders = orders.size();
        customer.confirmedOrders = orders.stream().filter(CustomerOrderDocument::isConfirmed).count();
        Map<String, Money> spentByCurrency = new TreeMap<>();
        orders.stream()
              .map(CustomerOrderDocument::paid)
              .filter(Objects::nonNull)
              .forEach(paid -> spentByCurrency.merge(paid.currency(), paid, Money::plus));
        customer.spent = List.copyOf(spentByCurrency.values());
        customer.lastOrderAt = latest(orders.stream().map(CustomerOrderDocument::placedAt).toList());
        customer.updatedAt = latest(orders.stream().map(CustomerOrderDocument::updatedAt).toList());
        return customer;
    }

    private static Instant latest(List<Instant> instants) {
        return instants.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    boolean hasSameFiguresAs(CustomerDocument other) {
        return other != null
               && totalOrders == other.totalOrders
               && confirmedOrders == other.confirmedOrders
               && spent.equals(other.spent)
               && Objects.equals(lastOrderAt, other.lastOrderAt)
               && Objects.equals(updatedAt, other.updatedAt);
    }

    String customerId() {
        return customerId;
    }

    long totalOrders() {
        return totalOrders;
    }

    long confirmedOrders() {
        return confirmedOrders;
    }

    List<Money> spent() {
        return spent;
    }

    Instant lastOrderAt() {
        return lastOrderAt;
    }
}
