package com.fulfillment.query.customer;

import static com.fulfillment.query.batch.StoredValues.date;
import static com.fulfillment.query.batch.StoredValues.list;
import static com.fulfillment.query.batch.StoredValues.putSet;

import com.fulfillment.kernel.Money;
import com.fulfillment.query.batch.ProjectedDocument;
import com.fulfillment.query.batch.StoredValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's totals, kept by adding to them what each change of one of the customer's orders changes,
 * so that the cost of a change does not grow with the customer's history.
 *
 * <p>The store has no transactions: the totals and the order are two writes. The totals are written
 * first, and name each order whose difference they took in with the version that order's document will
 * have once it is written ({@link Counted}). As long as the order's document is still older than that,
 * a crash came between the two writes: the events are delivered again, the order document has not
 * applied them, and the totals already count what the marker says, so only the rest is added. Once the
 * order's document reached the version, the marker says nothing more and is dropped at the customer's
 * next write; the document then holds only the markers of its last write.
 */
@Document(CustomerDocument.COLLECTION)
class CustomerDocument extends ProjectedDocument {

    static final String COLLECTION = "customer_views";

    @Id
    private String customerId;
    private long totalOrders;
    private long confirmedOrders;
    private List<Money> spent = List.of();
    private Instant lastOrderAt;
    private List<Counted> counted = new ArrayList<>();

    CustomerDocument() {
        // Spring Data fills a stored document in field by field.
    }

    static CustomerDocument of(String customerId) {
        CustomerDocument customer = new CustomerDocument();
        customer.customerId = customerId;
        return customer;
    }

    @Override
    public String documentId() {
        return customerId;
    }

    /** The orders whose markers may still matter. */
    List<String> markedOrders() {
        return counted.stream().map(Counted::orderId).toList();
    }

    /** Drops the markers whose order document reached the version they name; returns whether any was dropped. */
    boolean forgetWritten(ToLongFunction<String> storedVersionOfOrder) {
        return counted.removeIf(marker -> storedVersionOfOrder.applyAsLong(marker.orderId()) >= marker.writtenAs());
    }

    /**
     * Takes in what changed of one order since the totals last counted it, before that order is written.
     * Returns whether the totals changed.
     */
    boolean count(CustomerOrderDocument order) {
        Contribution now = order.contribution();
        Contribution before = countedOf(order);
        Contribution difference = now.minus(before);
        boolean changed = false;
        if (!difference.changesNothing()) {
            add(difference);
            counted.removeIf(marker -> marker.orderId().equals(order.documentId()));
            counted.add(new Counted(order.documentId(), order.storedVersion() + 1, now));
            changed = true;
        }
        Instant placedAt = order.placedAt();
        if (placedAt != null && (lastOrderAt == null || placedAt.isAfter(lastOrderAt))) {
            lastOrderAt = placedAt;
            changed = true;
        }
        return changed;
    }

    private Contribution countedOf(CustomerOrderDocument order) {
        return marker(order.documentId()).filter(marker -> marker.writtenAs() > order.storedVersion())
                                         .map(Counted::contribution)
                                         .orElseGet(order::reported);
    }

    private Optional<Counted> marker(String orderId) {
        return counted.stream().filter(marker -> marker.orderId().equals(orderId)).findFirst();
    }

    private void add(Contribution difference) {
        totalOrders += difference.orders();
        confirmedOrders += difference.confirmed();
        if (difference.paid() != null) {
            Map<String, Money> byCurrency = new TreeMap<>();
            spent.forEach(money -> byCurrency.put(money.currency(), money));
            byCurrency.merge(difference.paid().currency(), difference.paid(), Money::plus);
            spent = List.copyOf(byCurrency.values());
        }
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

    /**
     * Spring Data's mapping of this document, written out as {@code OrderDocument} writes its own: a customer's
     * totals are written with every change of one of the customer's orders. {@code CustomerDocumentsStorageTest}
     * holds it equal to the mapping.
     */
    @Override
    protected org.bson.Document stored(MongoConverter converter) {
        org.bson.Document stored = storedAs(customerId);
        stored.put("totalOrders", totalOrders);
        stored.put("confirmedOrders", confirmedOrders);
        putSet(stored, "spent", list(spent, StoredValues::money));
        putSet(stored, "lastOrderAt", date(lastOrderAt));
        putSet(stored, "counted", list(counted, marker -> new org.bson.Document("orderId", marker.orderId())
                .append("writtenAs", marker.writtenAs())
                .append("contribution", marker.contribution().stored())));
        return stored;
    }

    /** The totals count {@code contribution} of an order whose document is written as version {@code writtenAs}. */
    record Counted(String orderId, long writtenAs, Contribution contribution) {}
}
