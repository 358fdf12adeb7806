package com.fulfillment.inventory.saga;

import static org.axonframework.modelling.saga.SagaLifecycle.end;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fulfillment.inventory.api.CommitStockCommand;
import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.ReleaseStockCommand;
import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
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
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.platform.CommandFailure;
import com.fulfillment.platform.CompensationGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rule "stock reserved for an order is released unless the order is confirmed; a confirmed
 * order's stock is sold".
 *
 * <p>It reserves every line of a placed order and, once every product has answered, publishes the
 * order-level outcome: it is the only place that knows all the lines. All reserved: the priced lines
 * and the total, then it waits for the order's fate (confirmed: the stock is sold; declined, failed,
 * rejected or cancelled: it is released). Any line refused: the reserved lines are released in reverse
 * order and the shortages published. The saga ends once nothing it reserved is still held.
 *
 * <p>Every handler tolerates redelivery: a repeated event reserves, releases or publishes nothing new.
 */
@ProcessingGroup(StockReservationSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY,
                getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE)
public class StockReservationSaga {

    public static final String PROCESSING_GROUP = "inventory-reservation-saga";
    public static final String ORDER_ID = "orderId";
    /**
     * How long one product may take to answer a reservation. Past it, handling the placed order fails
     * and is left to the event processor's error handling (retry it: reservations are idempotent).
     */
    public static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(StockReservationSaga.class);

    /** Where the saga is: waiting for every product's answer, for the order's fate, or for its releases. */
    enum Stage { RESERVING, AWAITING_ORDER_FATE, RELEASING }

    private OrderId orderId;
    private List<LineReservation> lines = new ArrayList<>();
    private Stage stage;
    private FulfillmentStatus status;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent event,
                   CommandGateway commandGateway,
                   EventGateway eventGateway,
                   CompensationGateway compensationGateway) {
        if (orderId != null) {
            return; // redelivered: the lines were reserved the first time
        }
        orderId = event.orderId();
        stage = Stage.RESERVING;
        status = FulfillmentStatus.PENDING;
        lines = linesOf(event.lines());
        if (lines.isEmpty()) {
            // The order context refuses orders without lines; there is nothing to reserve or to price.
            log.warn("Order {} was placed without lines; nothing to reserve", orderId);
            status = FulfillmentStatus.FAILED;
            end();
            return;
        }
        for (LineReservation line : lines) {
            reserve(line, commandGateway);
        }
        settleIfEveryLineAnswered(eventGateway, compensationGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservedEvent event, EventGateway eventGateway, CompensationGateway compensationGateway) {
        Optional<LineReservation> reserved = lineFor(event.productId());
        if (reserved.isEmpty() || reserved.get().isHeld()) {
            return;
        }
        LineReservation line = reserved.get();
        line.reserved(event.unitPrice());
        if (stage == Stage.RELEASING) {
            // The order was given up while this reservation was on its way: it must not stay held.
            release(line, compensationGateway);
            endIfNothingHeld();
        } else {
            settleIfEveryLineAnswered(eventGateway, compensationGateway);
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservationRefusedEvent event,
                   EventGateway eventGateway,
                   CompensationGateway compensationGateway) {
        Optional<LineReservation> refused = lineFor(event.productId());
        if (refused.isEmpty() || refused.get().isAnswered()) {
            return;
        }
        refused.get().refused(event.available());
        if (stage == Stage.RELEASING) {
            endIfNothingHeld();
        } else {
            settleIfEveryLineAnswered(eventGateway, compensationGateway);
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReleasedEvent event) {
        lineFor(event.productId())
                .filter(LineReservation::isHeld)
                .ifPresent(LineReservation::releasedStock);
        if (stage == Stage.RELEASING) {
            endIfNothingHeld();
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderConfirmedEvent event, CompensationGateway compensationGateway) {
        if (stage != Stage.AWAITING_ORDER_FATE) {
            // The order context confirms only after the stock outcome it was sent; anything else is a stray.
            log.warn("Order {} was confirmed while its stock was {}; ignored", orderId, stage);
            return;
        }
        // A sale must not be lost: the compensation gateway waits for it, so this event is handled again if it is.
        for (LineReservation line : lines) {
            compensationGateway.send(orderId, new CommitStockCommand(line.productId(), orderId));
        }
        status = FulfillmentStatus.COMPLETED;
        end();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentDeclinedEvent event, CompensationGateway compensationGateway) {
        giveUp(compensationGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentFailedEvent event, CompensationGateway compensationGateway) {
        giveUp(compensationGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedEvent event, CompensationGateway compensationGateway) {
        giveUp(compensationGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelledEvent event, CompensationGateway compensationGateway) {
        if (event.previousStatus() == OrderStatus.CONFIRMED) {
            return; // its stock was sold; ReturnStockOnCancellationPolicy puts it back
        }
        giveUp(compensationGateway);
    }

    /**
     * An unknown product cannot answer with an event, so its absence is counted here as a shortage with
     * nothing available. Any other failure propagates, so that the event processor retries the event;
     * the products' reservations are idempotent per order, which makes that retry safe.
     */
    private void reserve(LineReservation line, CommandGateway commandGateway) {
        try {
            commandGateway.sendAndWait(new ReserveStockCommand(line.productId(), orderId, line.quantity()),
                                       RESERVATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException failure) {
            CommandFailure.expected(failure, unknown -> unknown.kind() == CommandFailure.Kind.NOT_FOUND);
            log.info("Order {} asks for unknown product {}: counted as a shortage", orderId, line.productId());
            line.refused(0);
        }
    }

    private void settleIfEveryLineAnswered(EventGateway eventGateway, CompensationGateway compensationGateway) {
        if (!lines.stream().allMatch(LineReservation::isAnswered)) {
            return;
        }
        if (lines.stream().allMatch(LineReservation::isReserved)) {
            List<PricedLine> priced = lines.stream().map(LineReservation::pricedLine).toList();
            eventGateway.publish(new OrderStockReservedEvent(orderId, priced, totalOf(priced)));
            stage = Stage.AWAITING_ORDER_FATE;
        } else {
            eventGateway.publish(new OrderStockRejectedEvent(
                    orderId,
                    lines.stream().filter(line -> !line.isReserved()).map(LineReservation::shortage).toList()));
            releaseEverythingHeld(compensationGateway);
        }
    }

    /** Releases once, however many of the order's failure events arrive. */
    private void giveUp(CompensationGateway compensationGateway) {
        if (stage == Stage.RELEASING) {
            return;
        }
        releaseEverythingHeld(compensationGateway);
    }

    /** Undoes the reservations in reverse line order, as every compensation undoes in reverse. */
    private void releaseEverythingHeld(CompensationGateway compensationGateway) {
        stage = Stage.RELEASING;
        status = FulfillmentStatus.COMPENSATING;
        for (int i = lines.size() - 1; i >= 0; i--) {
            release(lines.get(i), compensationGateway);
        }
        endIfNothingHeld();
    }

    private void release(LineReservation line, CompensationGateway compensationGateway) {
        if (line.needsRelease()) {
            compensationGateway.send(orderId, new ReleaseStockCommand(line.productId(), orderId));
            line.releaseRequested();
        }
    }

    private void endIfNothingHeld() {
        if (lines.stream().allMatch(LineReservation::isSettled)) {
            status = FulfillmentStatus.FAILED;
            end();
        }
    }

    private Optional<LineReservation> lineFor(ProductId productId) {
        return lines.stream().filter(line -> line.productId().equals(productId)).findFirst();
    }

    /**
     * One reservation per product and order is all a product keeps, so lines naming the same product are
     * reserved as one, at the place of the first.
     */
    private static List<LineReservation> linesOf(List<OrderLine> orderLines) {
        Map<ProductId, Integer> quantities = new LinkedHashMap<>();
        for (OrderLine line : orderLines) {
            quantities.merge(line.productId(), line.quantity(), Integer::sum);
        }
        List<LineReservation> reservations = new ArrayList<>();
        quantities.forEach((product, quantity) -> reservations.add(new LineReservation(product, quantity)));
        return reservations;
    }

    private static Money totalOf(List<PricedLine> priced) {
        return priced.stream().map(PricedLine::lineTotal).reduce(Money::plus).orElseThrow();
    }

    FulfillmentStatus status() {
        return status;
    }
}
