package com.fulfillment.order.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.CancelOrderCommand;
import com.fulfillment.order.api.ConfirmOrderCommand;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLimits;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.PlaceOrderCommand;
import com.fulfillment.order.api.RejectOrderCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A customer's order. It is the only place that decides whether an order is confirmed, rejected or
 * cancelled: PENDING until then, and each of those three outcomes is final except that a confirmed
 * order can still be cancelled.
 */
public class Order {

    static final String DEFAULT_CANCELLATION_REASON = "cancelled by the customer";

    @AggregateIdentifier
    private OrderId orderId;
    private CustomerId customerId;
    private OrderStatus status;
    private List<OrderLine> lines;

    @CommandHandler
    public Order(PlaceOrderCommand command) {
        requireArgument(command.orderId() != null, "an order needs an order id");
        requireArgument(command.customerId() != null, "an order needs a customer id");
        requireValidLines(command.lines());
        apply(new OrderPlacedEvent(command.orderId(), command.customerId(), List.copyOf(command.lines())));
    }

    @CommandHandler
    public void handle(ConfirmOrderCommand command) {
        requirePending("confirmed");
        apply(new OrderConfirmedEvent(orderId));
    }

    @CommandHandler
    public void handle(RejectOrderCommand command) {
        requireArgument(hasText(command.reason()), "rejecting an order needs a reason");
        requirePending("rejected");
        apply(new OrderRejectedEvent(orderId, command.reason()));
    }

    @CommandHandler
    public void handle(CancelOrderCommand command) {
        if (!isOwnedBy(command.requestedBy())) {
            // Answered as an order that does not exist: another customer's order is not revealed.
            throw new AggregateNotFoundException(orderId.value(), "no order " + orderId);
        }
        if (!isCancellable()) {
            throw new OrderStateException(orderId, status, "cancelled");
        }
        // A customer need not explain a cancellation, but the event should still read well in the timeline.
        String reason = hasText(command.reason()) ? command.reason() : DEFAULT_CANCELLATION_REASON;
        apply(new OrderCancelledEvent(orderId, reason, status, lines));
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        customerId = event.customerId();
        status = OrderStatus.PENDING;
        lines = event.lines();
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
    }

    protected Order() {
        // Axon rebuilds the order from its events through this constructor.
    }

    /** Confirming and rejecting settle a pending order; once settled, neither can change its mind. */
    private void requirePending(String refusedTransition) {
        if (status != OrderStatus.PENDING) {
            throw new OrderStateException(orderId, status, refusedTransition);
        }
    }

    /** A customer may cancel until the order has already ended some other way. */
    /** Whether {@code customer} may act on this order: the one who placed it, or nobody in particular. */
    private boolean isOwnedBy(CustomerId customer) {
        return customer == null || customer.equals(customerId);
    }

    private boolean isCancellable() {
        return status == OrderStatus.PENDING || status == OrderStatus.CONFIRMED;
    }

    private static void requireValidLines(List<OrderLine> lines) {
        requireArgument(lines != null && !lines.isEmpty(), "an order needs at least 1 line");
        requireArgument(lines.size() <= OrderLimits.MAX_LINES,
                        "an order has at most " + OrderLimits.MAX_LINES + " lines, this one has " + lines.size());
        Set<ProductId> products = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            int number = i + 1;
            requireArgument(line != null, "order line " + number + " is missing");
            requireArgument(line.productId() != null, "order line " + number + " names no product");
            requireArgument(isOrderableQuantity(line.quantity()),
                            "order line " + number + " (" + line.productId() + "): quantity must be between 1 and "
                            + OrderLimits.MAX_QUANTITY_PER_LINE + ", was " + line.quantity());
            // One line per product keeps reservations, prices and refunds addressable by product alone.
            requireArgument(products.add(line.productId()),
                            "product " + line.productId() + " is on more than one line; order it on a single line");
        }
    }

    private static boolean isOrderableQuantity(int quantity) {
        return quantity >= 1 && quantity <= OrderLimits.MAX_QUANTITY_PER_LINE;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static void requireArgument(boolean rule, String violation) {
        if (!rule) {
            throw new IllegalArgumentException(violation);
        }
    }
}
