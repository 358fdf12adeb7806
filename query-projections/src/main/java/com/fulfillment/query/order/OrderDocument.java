package com.fulfillment.query.order;

import static com.fulfillment.query.batch.StoredValues.date;
import static com.fulfillment.query.batch.StoredValues.list;
import static com.fulfillment.query.batch.StoredValues.money;
import static com.fulfillment.query.batch.StoredValues.name;
import static com.fulfillment.query.batch.StoredValues.putSet;

import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.platform.events.StreamPosition;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.batch.ProjectedDocument;
import com.fulfillment.query.api.CompensationFailureView;
import com.fulfillment.query.api.StuckProcessingView;
import com.fulfillment.query.api.LineStockStatus;
import com.fulfillment.query.api.OrderLineView;
import com.fulfillment.query.api.OrderSummary;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.ReservationStatus;
import com.fulfillment.query.api.ShortageView;
import com.fulfillment.query.api.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stored order view: one document per order, written by the order-view projection only. Events
 * from other aggregates may arrive before the order's own placement (a replay that starts mid-stream,
 * a redelivery), so every part of it can exist before the order is placed; such a document is not
 * shown until it is.
 */
@Document(OrderDocument.COLLECTION)
class OrderDocument extends ProjectedDocument {

    static final String COLLECTION = "order_views";

    private static final Set<LineStockStatus> STOCK_HELD = EnumSet.of(LineStockStatus.RESERVED, LineStockStatus.SOLD);
    private static final long UNKNOWN_TIME = Long.MIN_VALUE;
    private static final long UNKNOWN_POSITION = Long.MIN_VALUE;

    @Id
    private String orderId;
    private String customerId;
    private OrderStatus status;
    private FulfillmentStatus fulfillmentStatus;
    private ReservationStatus reservationStatus;
    private List<LineDocument> lines = new ArrayList<>();
    private Money total;
    private PaymentDocument payment;
    private boolean stockReserved;
    private boolean stockRejected;
    private List<ShortageView> shortages = new ArrayList<>();
    private String rejectionReason;
    private String cancellationReason;
    private List<CompensationFailureView> compensationFailures = new ArrayList<>();
    private List<StuckProcessingView> stuck = new ArrayList<>();
    private List<TimelineEntry> timeline = new ArrayList<>();
    /**
     * When each timeline entry's event was stored, in nanoseconds since the epoch, as precisely as the event store
     * keeps it ({@code occurredAt} is cut to the millisecond); absent from documents written before it was kept.
     */
    private List<Long> timelineTimes;
    /**
     * Each timeline entry's event's position in the event stream, which orders events stored at the same instant as
     * the stream does; absent from documents written before it was kept, unknown for events not read from a stream.
     */
    private List<Long> timelinePositions;
    private Instant createdAt;
    private Instant updatedAt;

    OrderDocument() {
        // Spring Data fills a stored document in field by field.
    }

    static OrderDocument startedBy(OrderId orderId) {
        OrderDocument order = new OrderDocument();
        order.orderId = orderId.value();
        order.refreshStatuses();
        return order;
    }

    @Override
    public String documentId() {
        return orderId;
    }

    boolean isPlaced() {
        return customerId != null;
    }

    // Changes, one per event. Quantities and line states come from the product that reported them.

    void placed(CustomerId customer, List<OrderLine> orderLines, Instant at) {
        customerId = customer.value();
        status = OrderStatus.PENDING;
        createdAt = at;
        ordered(orderLines);
    }

    void stockReserved(ProductId productId, int quantity, Money unitPrice) {
        LineDocument line = line(productId);
        line.ordered(quantity);
        line.priced(unitPrice, unitPrice.times(quantity));
        line.stockStatus(LineStockStatus.RESERVED);
    }

    void stockRefused(ProductId productId, int requested, int available) {
        LineDocument line = line(productId);
        line.ordered(requested);
        line.refused(available);
    }

    /** The reservation saga vouches that every line is reserved, even if a product's report is still on its way. */
    void allStockReserved(List<PricedLine> pricedLines, Money orderTotal) {
        stockReserved = true;
        total = orderTotal;
        for (PricedLine pricedLine : pricedLines) {
            LineDocument line = line(pricedLine.productId());
            line.ordered(pricedLine.quantity());
            line.priced(pricedLine.unitPrice(), pricedLine.lineTotal());
            if (line.stockStatus() == LineStockStatus.PENDING) {
                line.stockStatus(LineStockStatus.RESERVED);
            }
        }
    }

    void stockRejected(List<Shortage> orderShortages) {
        stockRejected = true;
        shortages = orderShortages.stream()
                                  .map(shortage -> new ShortageView(shortage.productId(), shortage.requested(),
                                                                    shortage.available()))
                                  .toList();
        for (Shortage shortage : orderShortages) {
            LineDocument line = line(shortage.productId());
            if (line.stockStatus() == LineStockStatus.PENDING) {
                line.refused(shortage.available());
            }
        }
    }

    void stockReleased(ProductId productId) {
        line(productId).stockStatus(LineStockStatus.RELEASED);
    }

    void stockSold(ProductId productId) {
        line(productId).stockStatus(LineStockStatus.SOLD);
    }

    void stockReturned(ProductId productId) {
        line(productId).stockStatus(LineStockStatus.RETURNED);
    }

    void paymentRequested(Money amount) {
        payment().requested(amount);
    }

    void paymentCompleted(Money amount, String providerReference) {
        payment().completed(amount, providerReference);
    }

    void paymentDeclined(String reason) {
        payment().endedWithout(PaymentStatus.DECLINED, reason);
    }

    void paymentFailed(String reason) {
        payment().endedWithout(PaymentStatus.FAILED, reason);
    }

    void paymentExpired(String reason) {
        payment().endedWithout(PaymentStatus.EXPIRED, reason);
    }

    void paymentCapturedAfterExpiry(Money amount, String providerReference) {
        payment().capturedAfterExpiry(amount, providerReference);
    }

    void refundRequested(Money amount, String reason, Instant at) {
        payment().refundRequested(amount, reason, at);
    }

    void refunded(Money amount, String providerReference, Instant at) {
        payment().refunded(amount, providerReference, at);
    }

    void confirmed() {
        status = OrderStatus.CONFIRMED;
    }

    void rejected(String reason) {
        status = OrderStatus.REJECTED;
        rejectionReason = reason;
    }

    void cancelled(String reason, List<OrderLine> orderLines) {
        status = OrderStatus.CANCELLED;
        cancellationReason = reason;
        if (orderLines != null) {
            ordered(orderLines);
        }
    }

    /**
     * Lines that name one product are reserved by inventory as one, at the place of the first; the view
     * shows them the same way, their quantities added up, so that a product's later reports match the line.
     */
    private void ordered(List<OrderLine> orderLines) {
        Map<ProductId, Integer> quantities = new LinkedHashMap<>();
        orderLines.forEach(orderLine -> quantities.merge(orderLine.productId(), orderLine.quantity(), Integer::sum));
        quantities.forEach((productId, quantity) -> line(productId).ordered(quantity));
    }

    /** A failure refused again after a redelivery carries the same id and is shown once. */
    void compensationFailed(CompensationFailureView failure) {
        if (compensationFailures.stream().noneMatch(known -> known.failureId().equals(failure.failureId()))) {
            compensationFailures.add(failure);
        }
    }

    /** One entry per processing group: the first event parked, which the later ones wait behind. */
    void stuck(StuckProcessingView parked) {
        if (stuck.stream().noneMatch(known -> known.processingGroup().equals(parked.processingGroup()))) {
            stuck.add(parked);
        }
    }

    void resumed(String processingGroup) {
        stuck.removeIf(known -> known.processingGroup().equals(processingGroup));
    }

    void compensationSettled(String failureId, String resolution, Instant at) {
        compensationFailures.replaceAll(failure -> failure.failureId().equals(failureId) && failure.stillOpen()
                                                   ? failure.settled(resolution, at) : failure);
    }

    /** Closes every change: the event joins the timeline and the applied events, and the statuses follow. */
    void recorded(EventMessage<?> event, String context, String detail) {
        Instant at = StoredTime.of(event);
        long storedAt = nanosOf(event.getTimestamp());
        long streamPosition = positionOf(event);
        // In time order, not arrival order, and events of one millisecond by their precise time: events of
        // concurrent transactions can reach the projection in another order than their timestamps (one that took
        // a lower position in the stream but committed last arrives after the ones behind it), and a replay must
        // produce the same timeline.
        int position = timeline.size();
        while (position > 0 && comesAfter(position - 1, at, storedAt, streamPosition)) {
            position--;
        }
        timeline.add(position, new TimelineEntry(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                                                 context, at, detail));
        if (timelineTimes == null) {
            timelineTimes = new ArrayList<>(Collections.nCopies(timeline.size() - 1, UNKNOWN_TIME));
        }
        timelineTimes.add(position, storedAt);
        if (timelinePositions == null) {
            timelinePositions = new ArrayList<>(Collections.nCopies(timeline.size() - 1, UNKNOWN_POSITION));
        }
        timelinePositions.add(position, streamPosition);
        markApplied(event);
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
        refreshStatuses();
    }

    /**
     * Whether timeline entry {@code index} belongs after an event stored at {@code at}, {@code storedAt} precisely,
     * at {@code streamPosition} in the event stream: two transactions can store events at the very same instant,
     * and the one that committed last reaches the projection last whatever its position.
     */
    private boolean comesAfter(int index, Instant at, long storedAt, long streamPosition) {
        Instant entryAt = timeline.get(index).occurredAt();
        if (!entryAt.equals(at)) {
            return entryAt.isAfter(at);
        }
        long entryStoredAt = known(timelineTimes, index);
        if (entryStoredAt == UNKNOWN_TIME || entryStoredAt != storedAt) {
            return entryStoredAt != UNKNOWN_TIME && entryStoredAt > storedAt;
        }
        long entryPosition = known(timelinePositions, index);
        return entryPosition != UNKNOWN_POSITION && streamPosition != UNKNOWN_POSITION
               && entryPosition > streamPosition;
    }

    /** The value kept for timeline entry {@code index}, or the unknown one (the same for times and positions). */
    private static long known(List<Long> values, int index) {
        return values == null || index >= values.size() ? UNKNOWN_TIME : values.get(index);
    }

    /** The event's own position in the event stream it was read from, if it was read from one. */
    private static long positionOf(EventMessage<?> event) {
        return StreamPosition.of(event).orElse(UNKNOWN_POSITION);
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    // Derived statuses, kept in the document so that lists can filter and sort on them.

    private void refreshStatuses() {
        reservationStatus = deriveReservationStatus();
        fulfillmentStatus = deriveFulfillmentStatus();
    }

    private FulfillmentStatus deriveFulfillmentStatus() {
        if (status == OrderStatus.CONFIRMED) {
            return FulfillmentStatus.COMPLETED;
        }
        if (!hasFailed()) {
            return FulfillmentStatus.PENDING;
        }
        return hasSomethingToUndo() ? FulfillmentStatus.COMPENSATING : FulfillmentStatus.FAILED;
    }

    /** The order ended, or one context already knows it cannot go through. */
    private boolean hasFailed() {
        return status == OrderStatus.REJECTED
               || status == OrderStatus.CANCELLED
               || stockRejected
               || payment != null && payment.endedWithoutCapture();
    }

    /** Stock still reserved or sold, or money captured and not refunded: a compensation has yet to land. */
    private boolean hasSomethingToUndo() {
        return lines.stream().anyMatch(line -> STOCK_HELD.contains(line.stockStatus()))
               || payment != null && payment.holdsCapturedMoney();
    }

    private ReservationStatus deriveReservationStatus() {
        if (stockRejected) {
            return ReservationStatus.REJECTED;
        }
        if (lines.isEmpty()) {
            return ReservationStatus.PENDING;
        }
        if (allLinesAre(LineStockStatus.RETURNED)) {
            return ReservationStatus.RETURNED;
        }
        if (anyLineIs(LineStockStatus.SOLD) || anyLineIs(LineStockStatus.RETURNED)) {
            return ReservationStatus.SOLD;
        }
        if (anyLineIs(LineStockStatus.RELEASED) && !anyLineIs(LineStockStatus.RESERVED)) {
            return ReservationStatus.RELEASED;
        }
        if (stockReserved || allLinesAre(LineStockStatus.RESERVED)) {
            return ReservationStatus.RESERVED;
        }
        return ReservationStatus.PENDING;
    }

    private boolean anyLineIs(LineStockStatus stockStatus) {
        return lines.stream().anyMatch(line -> line.stockStatus() == stockStatus);
    }

    private boolean allLinesAre(LineStockStatus stockStatus) {
        return lines.stream().allMatch(line -> line.stockStatus() == stockStatus);
    }

    private LineDocument line(ProductId productId) {
        return lines.stream()
                    .filter(line -> line.productId().equals(productId.value()))
                    .findFirst()
                    .orElseGet(() -> {
                        LineDocument line = new LineDocument(productId.value());
                        lines.add(line);
                        return line;
                    });
    }

    private PaymentDocument payment() {
        if (payment == null) {
            payment = new PaymentDocument();
        }
        return payment;
    }

    // Views

    OrderId orderId() {
        return OrderId.of(orderId);
    }

    CustomerId customerId() {
        return customerId == null ? null : CustomerId.of(customerId);
    }

    OrderView toView() {
        return new OrderView(orderId(), customerId(), status, fulfillmentStatus, reservationStatus,
                             lines.stream().map(LineDocument::toView).toList(), total,
                             payment == null ? null : payment.toView(), rejectionReason, cancellationReason,
                             List.copyOf(shortages), List.copyOf(compensationFailures), List.copyOf(stuck), List.copyOf(timeline),
                             createdAt, updatedAt);
    }

    /**
     * Spring Data's mapping of this document, written out field by field. The order view is written again on
     * nearly every event of the stream, and the mapping's reflective walk over its fields, lists and amounts took
     * about 19 µs a document: a fifth of order-view's work in a rebuild and a tenth of all CPU under load
     * (BENCHMARKS.md, "The view documents written without reflection"). {@code OrderDocumentStorageTest} holds this
     * equal to the mapping for a document with every field set; reading stays with the mapping.
     */
    @Override
    protected org.bson.Document stored(MongoConverter converter) {
        org.bson.Document stored = storedAs(orderId);
        putSet(stored, "customerId", customerId);
        putSet(stored, "status", name(status));
        putSet(stored, "fulfillmentStatus", name(fulfillmentStatus));
        putSet(stored, "reservationStatus", name(reservationStatus));
        putSet(stored, "lines", list(lines, LineDocument::stored));
        putSet(stored, "total", money(total));
        putSet(stored, "payment", payment == null ? null : payment.stored());
        stored.put("stockReserved", stockReserved);
        stored.put("stockRejected", stockRejected);
        putSet(stored, "shortages", list(shortages, OrderDocument::stored));
        putSet(stored, "rejectionReason", rejectionReason);
        putSet(stored, "cancellationReason", cancellationReason);
        putSet(stored, "compensationFailures", list(compensationFailures, OrderDocument::stored));
        putSet(stored, "stuck", list(stuck, OrderDocument::stored));
        putSet(stored, "timeline", list(timeline, OrderDocument::stored));
        putSet(stored, "timelineTimes", list(timelineTimes, Function.identity()));
        putSet(stored, "timelinePositions", list(timelinePositions, Function.identity()));
        putSet(stored, "createdAt", date(createdAt));
        putSet(stored, "updatedAt", date(updatedAt));
        return stored;
    }

    /** A product id is a record of one value: the mapping stores it as a document of that value. */
    private static org.bson.Document stored(ShortageView shortage) {
        return new org.bson.Document("productId", new org.bson.Document("value", shortage.productId().value()))
                .append("requested", shortage.requested())
                .append("available", shortage.available());
    }

    private static org.bson.Document stored(TimelineEntry entry) {
        org.bson.Document stored = new org.bson.Document();
        putSet(stored, "eventId", entry.eventId());
        putSet(stored, "type", entry.type());
        putSet(stored, "context", entry.context());
        putSet(stored, "occurredAt", date(entry.occurredAt()));
        putSet(stored, "detail", entry.detail());
        return stored;
    }

    private static org.bson.Document stored(CompensationFailureView failure) {
        org.bson.Document stored = new org.bson.Document();
        putSet(stored, "failureId", failure.failureId());
        putSet(stored, "context", failure.context());
        putSet(stored, "commandType", failure.commandType());
        putSet(stored, "reason", failure.reason());
        putSet(stored, "occurredAt", date(failure.occurredAt()));
        putSet(stored, "command", failure.command());
        putSet(stored, "commandClass", failure.commandClass());
        putSet(stored, "settledAt", date(failure.settledAt()));
        putSet(stored, "resolution", failure.resolution());
        return stored;
    }

    private static org.bson.Document stored(StuckProcessingView parked) {
        org.bson.Document stored = new org.bson.Document();
        putSet(stored, "processingGroup", parked.processingGroup());
        putSet(stored, "eventType", parked.eventType());
        putSet(stored, "eventId", parked.eventId());
        putSet(stored, "cause", parked.cause());
        putSet(stored, "since", date(parked.since()));
        return stored;
    }

    OrderSummary toSummary() {
        return new OrderSummary(orderId(), customerId(), status, fulfillmentStatus, total, createdAt, updatedAt);
    }

    /** One order line as stored, with the stock status its product last reported. */
    static class LineDocument {

        private String productId;
        private int quantity;
        private Money unitPrice;
        private Money lineTotal;
        private LineStockStatus stockStatus = LineStockStatus.PENDING;
        private Integer availableWhenRefused;

        LineDocument() {
            // Spring Data fills a stored line in field by field.
        }

        LineDocument(String productId) {
            this.productId = productId;
        }

        String productId() {
            return productId;
        }

        LineStockStatus stockStatus() {
            return stockStatus;
        }

        void ordered(int orderedQuantity) {
            quantity = orderedQuantity;
        }

        void priced(Money price, Money total) {
            unitPrice = price;
            lineTotal = total;
        }

        void stockStatus(LineStockStatus newStatus) {
            stockStatus = newStatus;
        }

        void refused(int available) {
            stockStatus = LineStockStatus.REFUSED;
            availableWhenRefused = available;
        }

        org.bson.Document stored() {
            org.bson.Document stored = new org.bson.Document();
            putSet(stored, "productId", productId);
            stored.put("quantity", quantity);
            putSet(stored, "unitPrice", money(unitPrice));
            putSet(stored, "lineTotal", money(lineTotal));
            putSet(stored, "stockStatus", name(stockStatus));
            putSet(stored, "availableWhenRefused", availableWhenRefused);
            return stored;
        }

        OrderLineView toView() {
            return new OrderLineView(ProductId.of(productId), quantity, unitPrice, lineTotal, stockStatus,
                                     availableWhenRefused);
        }
    }
}
