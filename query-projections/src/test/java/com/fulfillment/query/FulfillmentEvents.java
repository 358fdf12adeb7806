package com.fulfillment.query;

import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.Shortage;
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
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentCapturedAfterExpiryEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;

/**
 * Object mother for the read side: a small catalogue, and orders told as the stream of events the
 * three contexts publish for them, in the order the choreography produces them.
 */
public final class FulfillmentEvents {

    public static final ProductId KEYBOARD = ProductId.of("keyboard");
    public static final ProductId MOUSE = ProductId.of("mouse");
    public static final Money KEYBOARD_PRICE = Money.of("49.90", "EUR");
    public static final Money MOUSE_PRICE = Money.of("19.99", "EUR");
    public static final CustomerId ALICE = CustomerId.of("alice");
    public static final CustomerId BOB = CustomerId.of("bob");

    private final EventStream stream;

    public FulfillmentEvents(EventStream stream) {
        this.stream = stream;
    }

    public EventStream stream() {
        return stream;
    }

    // Catalogue

    public List<EventMessage<?>> catalogue() {
        return List.of(stream.fromProduct(KEYBOARD, new ProductAddedEvent(KEYBOARD, "Keyboard", KEYBOARD_PRICE, 10)),
                       stream.fromProduct(MOUSE, new ProductAddedEvent(MOUSE, "Mouse", MOUSE_PRICE, 5)));
    }

    // Orders, step by step: 1 keyboard and 2 mice, 89.88 EUR in all

    public static List<OrderLine> lines() {
        return List.of(new OrderLine(KEYBOARD, 1), new OrderLine(MOUSE, 2));
    }

    public static Money total() {
        return KEYBOARD_PRICE.plus(MOUSE_PRICE.times(2));
    }

    public EventMessage<?> placed(OrderId orderId, CustomerId customerId) {
        return stream.fromOrder(orderId, new OrderPlacedEvent(orderId, customerId, lines()));
    }

    public List<EventMessage<?>> stockReserved(OrderId orderId) {
        return List.of(
                stream.fromProduct(KEYBOARD, new StockReservedEvent(KEYBOARD, orderId, 1, KEYBOARD_PRICE)),
                stream.fromProduct(MOUSE, new StockReservedEvent(MOUSE, orderId, 2, MOUSE_PRICE)),
                stream.fromSaga(new OrderStockReservedEvent(orderId, List.of(
                        new PricedLine(KEYBOARD, 1, KEYBOARD_PRICE, KEYBOARD_PRICE),
                        new PricedLine(MOUSE, 2, MOUSE_PRICE, MOUSE_PRICE.times(2))), total())));
    }

    public List<EventMessage<?>> paid(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        return List.of(stream.fromPayment(orderId, new PaymentRequestedEvent(paymentId, orderId, total())),
                       stream.fromPayment(orderId, new PaymentCompletedEvent(paymentId, orderId, total(),
                                                                             "psp-" + orderId)));
    }

    /** Requested, two charges the provider did not answer, then captured. */
    public List<EventMessage<?>> paidAfterAnOutage(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        return List.of(stream.fromPayment(orderId, new PaymentRequestedEvent(paymentId, orderId, total())),
                       stream.fromPayment(orderId, new PaymentAttemptFailedEvent(paymentId, orderId, 1,
                                                                                 "provider answered 503", "CLOSED", 1000)),
                       stream.fromPayment(orderId, new PaymentAttemptFailedEvent(paymentId, orderId, 2,
                                                                                 "circuit open", "OPEN", 2000)),
                       stream.fromPayment(orderId, new PaymentCompletedEvent(paymentId, orderId, total(),
                                                                             "psp-" + orderId)));
    }

    public List<EventMessage<?>> declined(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        return List.of(stream.fromPayment(orderId, new PaymentRequestedEvent(paymentId, orderId, total())),
                       stream.fromPayment(orderId, new PaymentDeclinedEvent(paymentId, orderId, "card expired")));
    }

    /** Requested, then expired at the order's deadline while the charge was in flight. */
    public List<EventMessage<?>> expired(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        return List.of(stream.fromPayment(orderId, new PaymentRequestedEvent(paymentId, orderId, total())),
                       stream.fromPayment(orderId, new PaymentExpiredEvent(paymentId, orderId,
                                                                           "not completed within PT30S")));
    }

    /** The provider's answer to the in-flight charge, after the expiry: captured, so its refund is requested. */
    public List<EventMessage<?>> capturedAfterExpiry(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        return List.of(stream.fromPayment(orderId, new PaymentCapturedAfterExpiryEvent(paymentId, orderId, total(),
                                                                                       "psp-" + orderId)),
                       stream.fromPayment(orderId, new PaymentRefundRequestedEvent(paymentId, orderId, total(),
                                                                                   "captured after the payment expired")));
    }

    public EventMessage<?> confirmed(OrderId orderId) {
        return stream.fromOrder(orderId, new OrderConfirmedEvent(orderId));
    }

    public List<EventMessage<?>> sold(OrderId orderId) {
        return List.of(stream.fromProduct(KEYBOARD, new StockSoldEvent(KEYBOARD, orderId, 1)),
                       stream.fromProduct(MOUSE, new StockSoldEvent(MOUSE, orderId, 2)));
    }

    public EventMessage<?> rejected(OrderId orderId, String reason) {
        return stream.fromOrder(orderId, new OrderRejectedEvent(orderId, reason));
    }

    /** Compensation runs in reverse order of the reservation. */
    public List<EventMessage<?>> released(OrderId orderId) {
        return List.of(stream.fromProduct(MOUSE, new StockReleasedEvent(MOUSE, orderId, 2)),
                       stream.fromProduct(KEYBOARD, new StockReleasedEvent(KEYBOARD, orderId, 1)));
    }

    public EventMessage<?> cancelled(OrderId orderId, OrderStatus previousStatus) {
        return stream.fromOrder(orderId, new OrderCancelledEvent(orderId, "changed my mind", previousStatus, lines()));
    }

    public EventMessage<?> returned(OrderId orderId, ProductId productId, int quantity) {
        return stream.fromProduct(productId, new StockReturnedEvent(productId, orderId, quantity));
    }

    public List<EventMessage<?>> refunded(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        return List.of(stream.fromPayment(orderId, new PaymentRefundRequestedEvent(paymentId, orderId, total(),
                                                                                   "order cancelled")),
                       stream.fromPayment(orderId, new PaymentRefundedEvent(paymentId, orderId, total(),
                                                                            "psp-refund-" + orderId)));
    }

    /** The keyboard is reserved, the mice are short; inventory gives the keyboard back and rejects the order. */
    public List<EventMessage<?>> shortOfMice(OrderId orderId) {
        return List.of(
                stream.fromProduct(KEYBOARD, new StockReservedEvent(KEYBOARD, orderId, 1, KEYBOARD_PRICE)),
                stream.fromProduct(MOUSE, new StockReservationRefusedEvent(MOUSE, orderId, 2, 1)),
                stream.fromSaga(new OrderStockRejectedEvent(orderId, List.of(new Shortage(MOUSE, 2, 1)))));
    }

    public EventMessage<?> keyboardReleased(OrderId orderId) {
        return stream.fromProduct(KEYBOARD, new StockReleasedEvent(KEYBOARD, orderId, 1));
    }

    public EventMessage<?> compensationFailed(OrderId orderId) {
        return stream.fromSaga(new CompensationFailedEvent(UUID.randomUUID().toString(), orderId, "payment",
                                                           "RefundPaymentCommand",
                                                           "{\"paymentId\":\"payment-" + orderId + "\"}",
                                                           "com.fulfillment.payment.api.RefundPaymentCommand",
                                                           "payment payment-" + orderId + " is FAILED"));
    }

    /** The same refusal recorded a second time, as after a redelivery in the distributed shape. */
    public EventMessage<?> compensationFailedAgain(CompensationFailedEvent first) {
        return stream.fromSaga(first);
    }

    public EventMessage<?> compensationSettled(OrderId orderId, String failureId, String resolution) {
        return stream.fromSaga(new CompensationSettledEvent(failureId, orderId, false, resolution));
    }

    public EventMessage<?> processingStuck(OrderId orderId, String processingGroup) {
        return stream.fromSaga(new OrderProcessingStuckEvent(orderId, processingGroup, "OrderRejectedEvent",
                                                             UUID.randomUUID().toString(), "poison"));
    }

    public EventMessage<?> processingResumed(OrderId orderId, String processingGroup) {
        return stream.fromSaga(new OrderProcessingResumedEvent(orderId, processingGroup, false));
    }

    // Whole stories

    /** Placed, reserved, paid, confirmed, sold. */
    public List<EventMessage<?>> confirmedOrder(OrderId orderId, CustomerId customerId) {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(placed(orderId, customerId));
        events.addAll(stockReserved(orderId));
        events.addAll(paid(orderId));
        events.add(confirmed(orderId));
        events.addAll(sold(orderId));
        return events;
    }

    /** Placed, reserved, payment declined, rejected, stock released. */
    public List<EventMessage<?>> declinedOrder(OrderId orderId, CustomerId customerId) {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(placed(orderId, customerId));
        events.addAll(stockReserved(orderId));
        events.addAll(declined(orderId));
        events.add(rejected(orderId, "payment declined: card expired"));
        events.addAll(released(orderId));
        return events;
    }

    /** A confirmed order the customer cancelled: stock returned and payment refunded. */
    public List<EventMessage<?>> cancelledAfterConfirmation(OrderId orderId, CustomerId customerId) {
        List<EventMessage<?>> events = new ArrayList<>(confirmedOrder(orderId, customerId));
        events.add(cancelled(orderId, OrderStatus.CONFIRMED));
        events.add(returned(orderId, MOUSE, 2));
        events.add(returned(orderId, KEYBOARD, 1));
        events.addAll(refunded(orderId));
        return events;
    }
}
