package com.fulfillment.query.customer;

import static com.fulfillment.query.batch.StoredValues.date;
import static com.fulfillment.query.batch.StoredValues.money;
import static com.fulfillment.query.batch.StoredValues.name;
import static com.fulfillment.query.batch.StoredValues.putSet;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.batch.ProjectedDocument;
import com.fulfillment.query.api.CustomerOrder;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One order as its customer's history shows it. Written only by the customer-view projection, one
 * order at a time (the group is sequenced on the order id). It also keeps what its customer's totals
 * count of it ({@code reported}), so that each of its changes adds only the difference to them.
 */
@Document(CustomerOrderDocument.COLLECTION)
class CustomerOrderDocument extends ProjectedDocument {

    static final String COLLECTION = "customer_orders";

    @Id
    private String orderId;
    private String customerId;
    private Instant placedAt;
    private OrderStatus status;
    private Money total;
    private Money captured;
    private Money refunded;
    private Instant updatedAt;
    /** {@code null} only in documents of releases that summed the totals from the orders: they counted all of it. */
    private Contribution reported;

    CustomerOrderDocument() {
        // Spring Data fills a stored document in field by field.
    }

    static CustomerOrderDocument startedBy(OrderId orderId) {
        CustomerOrderDocument order = new CustomerOrderDocument();
        order.orderId = orderId.value();
        order.reported = Contribution.NONE;
        return order;
    }

    @Override
    public String documentId() {
        return orderId;
    }

    /** What the order adds to its customer's totals now; nothing until the order is placed and its customer known. */
    Contribution contribution() {
        if (customerId == null) {
            return Contribution.NONE;
        }
        return new Contribution(1, isConfirmed() ? 1 : 0, paid());
    }

    @Override
    protected void loaded() {
        if (reported == null) {
            reported = contribution();
        }
    }

    /** What the customer's totals counted of this order when it was last written. */
    Contribution reported() {
        return reported;
    }

    void reported(Contribution counted) {
        reported = counted;
    }

    void placed(CustomerId customer, Instant at) {
        customerId = customer.value();
        placedAt = at;
        if (status == null) {
            status = OrderStatus.PENDING;
        }
    }

    void priced(Money orderTotal) {
        total = orderTotal;
    }

    void captured(Money amount) {
        captured = amount;
    }

    void refunded(Money amount) {
        refunded = refunded == null ? amount : refunded.plus(amount);
    }

    void settled(OrderStatus outcome) {
        status = outcome;
    }

    void recorded(EventMessage<?> event) {
        markApplied(event);
        Instant at = StoredTime.of(event);
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    String customerId() {
        return customerId;
    }

    Instant placedAt() {
        return placedAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    boolean isConfirmed() {
        return status == OrderStatus.CONFIRMED;
    }

    /** What the customer was charged for this order and not refunded; {@code null} while nothing was captured. */
    Money paid() {
        if (captured == null) {
            return null;
        }
        return refunded == null ? captured : captured.minus(refunded);
    }

    /**
     * Spring Data's mapping of this document, written out as {@code OrderDocument} writes its own: it is written
     * on nearly every event too. {@code CustomerDocumentsStorageTest} holds it equal to the mapping.
     */
    @Override
    protected org.bson.Document stored(MongoConverter converter) {
        org.bson.Document stored = storedAs(orderId);
        putSet(stored, "customerId", customerId);
        putSet(stored, "placedAt", date(placedAt));
        putSet(stored, "status", name(status));
        putSet(stored, "total", money(total));
        putSet(stored, "captured", money(captured));
        putSet(stored, "refunded", money(refunded));
        putSet(stored, "updatedAt", date(updatedAt));
        putSet(stored, "reported", reported == null ? null : reported.stored());
        return stored;
    }

    CustomerOrder toView() {
        return new CustomerOrder(OrderId.of(orderId), placedAt, status, total, paid());
    }
}
