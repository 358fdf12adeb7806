package com.fulfillment.standalone;

import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.ProductPriceChangedEvent;
import com.fulfillment.inventory.api.ProductRestockedEvent;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.CompensationSettledEvent;
import com.fulfillment.kernel.OrderProcessingResumedEvent;
import com.fulfillment.kernel.OrderProcessingStuckEvent;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentCapturedAfterExpiryEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentRefundAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.query.api.CompensationFailureView;
import com.fulfillment.query.api.StuckProcessingView;
import com.fulfillment.query.api.CustomerOrder;
import com.fulfillment.query.api.CustomerView;
import com.fulfillment.query.api.LineStockStatus;
import com.fulfillment.query.api.OrderLineView;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.Paging;
import com.fulfillment.query.api.PaymentView;
import com.fulfillment.query.api.ProductView;
import com.fulfillment.query.api.RefundStatus;
import com.fulfillment.query.api.RefundView;
import com.fulfillment.query.api.ReservationStatus;
import com.fulfillment.query.api.ShortageView;
import com.fulfillment.query.api.TimelineEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;

/**
 * What the read models must show, worked out from the event store alone and without any projection code:
 * every order, customer and product exactly as the query API answers for it, except the wording of the
 * timeline. Built to check the projections against, so it spells the rules out on its own terms:
 *
 * <ul>
 *   <li>an order shows one line per product, as inventory reserves it, priced by the reservation;</li>
 *   <li>its timeline lists every event that names the order, by the time it was stored, as precisely as the
 *       event store keeps it (events of one instant in the order the event store keeps them);</li>
 *   <li>it is COMPLETED once confirmed, FAILED once it can no longer be and nothing of it is still held
 *       (stock reserved or sold, money captured and not refunded), COMPENSATING while something is;</li>
 *   <li>a customer's totals count their orders, the confirmed ones, and per currency what was captured and
 *       not refunded;</li>
 *   <li>a product's stock: sold stock leaves what is on hand, reserved stock is not available.</li>
 * </ul>
 *
 * Times are kept to the millisecond, as the read models store them. Events of a kind unknown here are
 * left out and named by {@link #unknownEventTypes()}.
 */
final class ExpectedReadModels {

    /** The page size the customer's orders are compared at: all of them, for the runs these tests make. */
    static final int CUSTOMER_PAGE_SIZE = Paging.MAX_SIZE;

    private final Map<OrderId, ExpectedOrder> orders = new LinkedHashMap<>();
    private final Map<ProductId, ExpectedProduct> products = new LinkedHashMap<>();
    private final Set<String> unknownEventTypes = new TreeSet<>();
    private final int eventCount;

    private ExpectedReadModels(List<? extends EventMessage<?>> events) {
        events.forEach(this::apply);
        this.eventCount = events.size();
    }

    /** Folds every event, oldest first, as {@code EventStore.openStream(null)} hands them out. */
    static ExpectedReadModels fold(List<? extends EventMessage<?>> events) {
        return new ExpectedReadModels(events);
    }

    int eventCount() {
        return eventCount;
    }

    Set<String> unknownEventTypes() {
        return unknownEventTypes;
    }

    Map<OrderId, OrderView> orders() {
        return orders.values().stream()
                     .filter(ExpectedOrder::isPlaced)
                     .collect(Collectors.toMap(order -> order.orderId, ExpectedOrder::toView, (a, b) -> a,
                                               LinkedHashMap::new));
    }

    Map<CustomerId, CustomerView> customers() {
        Map<CustomerId, List<ExpectedOrder>> byCustomer = new LinkedHashMap<>();
        orders.values().stream()
              .filter(ExpectedOrder::isPlaced)
              .forEach(order -> byCustomer.computeIfAbsent(order.customerId, id -> new ArrayList<>()).add(order));
        Map<CustomerId, CustomerView> customers = new LinkedHashMap<>();
        byCustomer.forEach((customerId, placed) -> customers.put(customerId, customerView(customerId, placed)));
        return customers;
    }

    Map<ProductId, ProductView> products() {
        return products.values().stream()
                       .filter(product -> product.name != null)
                       .collect(Collectors.toMap(product -> product.productId, ExpectedProduct::toView, (a, b) -> a,
                                                 LinkedHashMap::new));
    }

    private static CustomerView customerView(CustomerId customerId, List<ExpectedOrder> placed) {
        List<CustomerOrder> newestFirst = placed.stream()
                .map(order -> new CustomerOrder(order.orderId, order.createdAt, order.status, order.total,
                                                order.paid()))
                .sorted(Comparator.comparing(CustomerOrder::placedAt).reversed()
                                  .thenComparing(order -> order.orderId().value()))
                .toList();
        Map<String, Money> spent = new TreeMap<>();
        placed.stream().map(ExpectedOrder::paid).filter(Objects::nonNull)
              .forEach(paid -> spent.merge(paid.currency(), paid, Money::plus));
        long confirmed = placed.stream().filter(order -> order.status == OrderStatus.CONFIRMED).count();
        return new CustomerView(customerId, placed.size(), confirmed, List.copyOf(spent.values()),
                                newestFirst.get(0).placedAt(),
                                newestFirst.subList(0, Math.min(CUSTOMER_PAGE_SIZE, newestFirst.size())),
                                0, CUSTOMER_PAGE_SIZE, Paging.pageCount(placed.size(), CUSTOMER_PAGE_SIZE));
    }

    private void apply(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof ProductAddedEvent added) {
            product(added.productId()).added(added, event);
        } else if (payload instanceof ProductRestockedEvent restocked) {
            product(restocked.productId()).changed(event, p -> p.onHand += restocked.quantity());
        } else if (payload instanceof ProductPriceChangedEvent repriced) {
            product(repriced.productId()).changed(event, p -> p.unitPrice = repriced.newPrice());
        } else if (payload instanceof StockReservedEvent reserved) {
            product(reserved.productId()).changed(event, p -> p.reserved += reserved.quantity());
            order(reserved.orderId()).stockReserved(reserved, event);
        } else if (payload instanceof StockReservationRefusedEvent refused) {
            // Nothing moves at the product; only the order learns of it.
            order(refused.orderId()).line(refused.productId(), event, line -> {
                line.stock = LineStockStatus.REFUSED;
                line.availableWhenRefused = refused.available();
            });
        } else if (payload instanceof StockReleasedEvent released) {
            product(released.productId()).changed(event, p -> p.reserved -= released.quantity());
            order(released.orderId()).line(released.productId(), event, line -> line.stock = LineStockStatus.RELEASED);
        } else if (payload instanceof StockSoldEvent sold) {
            product(sold.productId()).changed(event, p -> {
                p.reserved -= sold.quantity();
                p.onHand -= sold.quantity();
                p.sold += sold.quantity();
            });
            order(sold.orderId()).line(sold.productId(), event, line -> line.stock = LineStockStatus.SOLD);
        } else if (payload instanceof StockReturnedEvent returned) {
            product(returned.productId()).changed(event, p -> {
                p.onHand += returned.quantity();
                p.sold -= returned.quantity();
            });
            order(returned.orderId()).line(returned.productId(), event, line -> line.stock = LineStockStatus.RETURNED);
        } else if (payload instanceof OrderStockReservedEvent reserved) {
            order(reserved.orderId()).allReserved(reserved, event);
        } else if (payload instanceof OrderStockRejectedEvent rejected) {
            order(rejected.orderId()).stockRejected(rejected, event);
        } else if (payload instanceof OrderPlacedEvent placed) {
            order(placed.orderId()).placed(placed, event);
        } else if (payload instanceof OrderConfirmedEvent confirmed) {
            order(confirmed.orderId()).changed(event, "order", o -> o.status = OrderStatus.CONFIRMED);
        } else if (payload instanceof OrderRejectedEvent rejected) {
            order(rejected.orderId()).changed(event, "order", o -> {
                o.status = OrderStatus.REJECTED;
                o.rejectionReason = rejected.reason();
            });
        } else if (payload instanceof OrderCancelledEvent cancelled) {
            order(cancelled.orderId()).changed(event, "order", o -> {
                o.status = OrderStatus.CANCELLED;
                o.cancellationReason = cancelled.reason();
            });
        } else if (payload instanceof PaymentRequestedEvent requested) {
            order(requested.orderId()).payment(event, p -> {
                p.status = PaymentStatus.REQUESTED;
                p.amount = requested.amount();
            });
        } else if (payload instanceof PaymentCompletedEvent completed) {
            order(completed.orderId()).payment(event, p -> {
                p.status = PaymentStatus.COMPLETED;
                p.captured = completed.amount();
                p.providerReference = completed.providerReference();
            });
        } else if (payload instanceof PaymentDeclinedEvent declined) {
            order(declined.orderId()).payment(event, p -> {
                p.status = PaymentStatus.DECLINED;
                p.failureReason = declined.reason();
            });
        } else if (payload instanceof PaymentFailedEvent failed) {
            order(failed.orderId()).payment(event, p -> {
                p.status = PaymentStatus.FAILED;
                p.failureReason = failed.reason();
            });
        } else if (payload instanceof PaymentExpiredEvent expired) {
            order(expired.orderId()).payment(event, p -> {
                p.status = PaymentStatus.EXPIRED;
                p.failureReason = expired.reason();
            });
        } else if (payload instanceof PaymentCapturedAfterExpiryEvent late) {
            // Money taken after the expiry is held until its refund lands; the payment stays expired.
            order(late.orderId()).payment(event, p -> {
                p.captured = late.amount();
                p.amount = p.amount == null ? late.amount() : p.amount;
                p.providerReference = late.providerReference();
            });
        } else if (payload instanceof PaymentAttemptFailedEvent unanswered) {
            // Only the timeline shows a charge the provider did not answer.
            order(unanswered.orderId()).changed(event, "payment", o -> { });
        } else if (payload instanceof PaymentRefundAttemptFailedEvent unanswered) {
            order(unanswered.orderId()).changed(event, "payment", o -> { });
        } else if (payload instanceof PaymentRefundRequestedEvent refund) {
            order(refund.orderId()).payment(event, p -> p.refundRequested(refund, at(event)));
        } else if (payload instanceof PaymentRefundedEvent refunded) {
            order(refunded.orderId()).payment(event, p -> p.refunded(refunded, at(event)));
        } else if (payload instanceof CompensationFailedEvent failure) {
            order(failure.orderId()).changed(event, failure.context(), o -> {
                CompensationFailureView view = CompensationFailureView.of(failure, event.getIdentifier(), at(event));
                if (o.compensationFailures.stream().noneMatch(known -> known.failureId().equals(view.failureId()))) {
                    o.compensationFailures.add(view);
                }
            });
        } else if (payload instanceof OrderProcessingStuckEvent parked) {
            order(parked.orderId()).changed(event, "kernel", o -> {
                if (o.stuck.stream().noneMatch(known -> known.processingGroup().equals(parked.processingGroup()))) {
                    o.stuck.add(new StuckProcessingView(parked.processingGroup(), parked.eventType(), parked.eventId(),
                                                        parked.cause(), at(event)));
                }
            });
        } else if (payload instanceof OrderProcessingResumedEvent resumed) {
            order(resumed.orderId()).changed(event, "kernel", o -> o.stuck.removeIf(
                    known -> known.processingGroup().equals(resumed.processingGroup())));
        } else if (payload instanceof CompensationSettledEvent settled) {
            order(settled.orderId()).changed(event, "kernel", o -> o.compensationFailures.replaceAll(
                    known -> known.failureId().equals(settled.failureId()) && known.stillOpen()
                             ? known.settled(settled.resolution(), at(event)) : known));
        } else {
            unknownEventTypes.add(event.getPayloadType().getName());
        }
    }

    private ExpectedOrder order(OrderId orderId) {
        return orders.computeIfAbsent(orderId, ExpectedOrder::new);
    }

    private ExpectedProduct product(ProductId productId) {
        return products.computeIfAbsent(productId, ExpectedProduct::new);
    }

    private static Instant at(EventMessage<?> event) {
        return event.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    /** One order as its events tell it. */
    private static final class ExpectedOrder {

        private final OrderId orderId;
        private CustomerId customerId;
        private OrderStatus status;
        private final Map<ProductId, ExpectedLine> lines = new LinkedHashMap<>();
        private Money total;
        private ExpectedPayment payment;
        private boolean stockRejected;
        private List<ShortageView> shortages = List.of();
        private String rejectionReason;
        private String cancellationReason;
        private final List<CompensationFailureView> compensationFailures = new ArrayList<>();
        private final List<StuckProcessingView> stuck = new ArrayList<>();
        /** Each entry with when its event was stored, as precisely as the event store keeps it. */
        private final List<Map.Entry<Instant, TimelineEntry>> timeline = new ArrayList<>();
        private Instant createdAt;
        private Instant updatedAt;

        ExpectedOrder(OrderId orderId) {
            this.orderId = orderId;
        }

        boolean isPlaced() {
            return customerId != null;
        }

        void placed(OrderPlacedEvent placed, EventMessage<?> event) {
            changed(event, "order", order -> {
                customerId = placed.customerId();
                status = OrderStatus.PENDING;
                createdAt = at(event);
                for (OrderLine line : placed.lines()) {
                    lines.computeIfAbsent(line.productId(), ExpectedLine::new).quantity += line.quantity();
                }
            });
        }

        void stockReserved(StockReservedEvent reserved, EventMessage<?> event) {
            line(reserved.productId(), event, line -> {
                line.unitPrice = reserved.unitPrice();
                line.lineTotal = reserved.unitPrice().times(reserved.quantity());
                line.stock = LineStockStatus.RESERVED;
            });
        }

        void allReserved(OrderStockReservedEvent reserved, EventMessage<?> event) {
            changed(event, "inventory", order -> {
                total = reserved.total();
                for (PricedLine priced : reserved.lines()) {
                    ExpectedLine line = lines.computeIfAbsent(priced.productId(), ExpectedLine::new);
                    line.unitPrice = priced.unitPrice();
                    line.lineTotal = priced.lineTotal();
                }
            });
        }

        void stockRejected(OrderStockRejectedEvent rejected, EventMessage<?> event) {
            changed(event, "inventory", order -> {
                stockRejected = true;
                shortages = rejected.shortages().stream()
                                    .map(s -> new ShortageView(s.productId(), s.requested(), s.available()))
                                    .toList();
            });
        }

        void line(ProductId productId, EventMessage<?> event, Consumer<ExpectedLine> change) {
            changed(event, "inventory", order -> change.accept(lines.computeIfAbsent(productId, ExpectedLine::new)));
        }

        void payment(EventMessage<?> event, Consumer<ExpectedPayment> change) {
            changed(event, "payment", order -> {
                if (payment == null) {
                    payment = new ExpectedPayment();
                }
                change.accept(payment);
            });
        }

        void changed(EventMessage<?> event, String context, Consumer<ExpectedOrder> change) {
            change.accept(this);
            timeline.add(Map.entry(event.getTimestamp(),
                                   new TimelineEntry(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                                                     context, at(event), null)));
            updatedAt = latest(updatedAt, at(event));
        }

        /** What the customer was charged and not refunded; nothing while nothing was captured. */
        Money paid() {
            if (payment == null || payment.captured == null) {
                return null;
            }
            return payment.refunded == null ? payment.captured : payment.captured.minus(payment.refunded);
        }

        private FulfillmentStatus fulfillmentStatus() {
            if (status == OrderStatus.CONFIRMED) {
                return FulfillmentStatus.COMPLETED;
            }
            boolean cannotGoThrough = status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED
                                      || stockRejected
                                      || payment != null && (payment.status == PaymentStatus.DECLINED
                                                             || payment.status == PaymentStatus.FAILED
                                                             || payment.status == PaymentStatus.EXPIRED);
            if (!cannotGoThrough) {
                return FulfillmentStatus.PENDING;
            }
            return holdsStockOrMoney() ? FulfillmentStatus.COMPENSATING : FulfillmentStatus.FAILED;
        }

        private boolean holdsStockOrMoney() {
            boolean stockHeld = lines.values().stream().anyMatch(
                    line -> line.stock == LineStockStatus.RESERVED || line.stock == LineStockStatus.SOLD);
            Money paid = paid();
            return stockHeld || paid != null && paid.isPositive();
        }

        private ReservationStatus reservationStatus() {
            List<LineStockStatus> stock = lines.values().stream().map(line -> line.stock).toList();
            if (stockRejected) {
                return ReservationStatus.REJECTED;
            }
            if (!stock.isEmpty() && stock.stream().allMatch(LineStockStatus.RETURNED::equals)) {
                return ReservationStatus.RETURNED;
            }
            if (stock.contains(LineStockStatus.SOLD) || stock.contains(LineStockStatus.RETURNED)) {
                return ReservationStatus.SOLD;
            }
            if (stock.contains(LineStockStatus.RELEASED) && !stock.contains(LineStockStatus.RESERVED)) {
                return ReservationStatus.RELEASED;
            }
            if (total != null || !stock.isEmpty() && stock.stream().allMatch(LineStockStatus.RESERVED::equals)) {
                return ReservationStatus.RESERVED;
            }
            return ReservationStatus.PENDING;
        }

        OrderView toView() {
            return new OrderView(orderId, customerId, status, fulfillmentStatus(), reservationStatus(),
                                 lines.values().stream().map(ExpectedLine::toView).toList(), total,
                                 payment == null ? null : payment.toView(), rejectionReason, cancellationReason,
                                 shortages, List.copyOf(compensationFailures), List.copyOf(stuck),
                                 timeline.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                                         .toList(),
                                 createdAt, updatedAt);
        }
    }

    /** One product's line of an order. */
    private static final class ExpectedLine {

        private final ProductId productId;
        private int quantity;
        private Money unitPrice;
        private Money lineTotal;
        private LineStockStatus stock = LineStockStatus.PENDING;
        private Integer availableWhenRefused;

        ExpectedLine(ProductId productId) {
            this.productId = productId;
        }

        OrderLineView toView() {
            return new OrderLineView(productId, quantity, unitPrice, lineTotal, stock, availableWhenRefused);
        }
    }

    /** An order's payment, with its refunds in the order they were asked for. */
    private static final class ExpectedPayment {

        private PaymentStatus status;
        private Money amount;
        private Money captured;
        private Money refunded;
        private String providerReference;
        private String failureReason;
        private final List<RefundView> refunds = new ArrayList<>();

        void refundRequested(PaymentRefundRequestedEvent refund, Instant at) {
            status = PaymentStatus.REFUND_REQUESTED;
            refunds.add(new RefundView(refund.amount(), refund.reason(), RefundStatus.REQUESTED, null, at, null));
        }

        /** Settles the oldest refund still asked for; one the provider made unasked is added as made. */
        void refunded(PaymentRefundedEvent refund, Instant at) {
            status = PaymentStatus.REFUNDED;
            refunded = refunded == null ? refund.amount() : refunded.plus(refund.amount());
            for (int i = 0; i < refunds.size(); i++) {
                RefundView open = refunds.get(i);
                if (open.status() == RefundStatus.REQUESTED) {
                    refunds.set(i, new RefundView(refund.amount(), open.reason(), RefundStatus.REFUNDED,
                                                  refund.providerReference(), open.requestedAt(), at));
                    return;
                }
            }
            refunds.add(new RefundView(refund.amount(), null, RefundStatus.REFUNDED, refund.providerReference(), null,
                                       at));
        }

        PaymentView toView() {
            return new PaymentView(status, amount, captured, refunded, providerReference, failureReason,
                                   List.copyOf(refunds));
        }
    }

    /** One product of the catalogue and its stock. */
    private static final class ExpectedProduct {

        private final ProductId productId;
        private String name;
        private Money unitPrice;
        private int onHand;
        private int reserved;
        private int sold;
        private Instant updatedAt;

        ExpectedProduct(ProductId productId) {
            this.productId = productId;
        }

        void added(ProductAddedEvent added, EventMessage<?> event) {
            changed(event, product -> {
                name = added.name();
                unitPrice = added.unitPrice();
                onHand += added.initialStock();
            });
        }

        void changed(EventMessage<?> event, Consumer<ExpectedProduct> change) {
            change.accept(this);
            updatedAt = latest(updatedAt, at(event));
        }

        ProductView toView() {
            return new ProductView(productId, name, unitPrice, onHand, onHand - reserved, reserved, sold, updatedAt);
        }
    }
}
