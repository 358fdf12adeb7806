package com.fulfillment.flow;

import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.ProductRestockedEvent;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Folds the whole event store into the books an auditor would keep: each order's final status and total,
 * each product's stock movements, and the money captured and refunded. It reads events only, so it checks
 * the contexts independently of their own state.
 */
final class EventStoreLedger {

    final Map<OrderId, OrderStatus> statusByOrder = new LinkedHashMap<>();
    final Map<OrderId, List<OrderLine>> linesByOrder = new HashMap<>();
    final Map<OrderId, Money> totalByOrder = new HashMap<>();
    final Map<OrderId, OrderStatus> statusBeforeCancellation = new HashMap<>();
    final Map<OrderId, String> rejectionReasons = new HashMap<>();
    final List<OrderId> stockRejected = new ArrayList<>();
    final Map<ProductId, StockBook> stock = new LinkedHashMap<>();
    final List<CompensationFailedEvent> compensationFailures = new ArrayList<>();
    Money captured;
    Money refunded;
    long events;

    /** Stock movements of one product. */
    static final class StockBook {
        long initial;
        long restocked;
        long reserved;
        long released;
        long sold;
        long returned;

        long onHand() {
            return initial + restocked - sold + returned;
        }

        long stillReserved() {
            return reserved - released - sold;
        }

        long netSold() {
            return sold - returned;
        }
    }

    static EventStoreLedger read(EventStore eventStore, String currency) {
        EventStoreLedger ledger = new EventStoreLedger(currency);
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                ledger.apply(stream.nextAvailable().getPayload());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ledger;
    }

    private EventStoreLedger(String currency) {
        captured = Money.zero(currency);
        refunded = Money.zero(currency);
    }

    private void apply(Object event) {
        events++;
        if (event instanceof OrderPlacedEvent e) {
            statusByOrder.put(e.orderId(), OrderStatus.PENDING);
            linesByOrder.put(e.orderId(), e.lines());
        } else if (event instanceof OrderConfirmedEvent e) {
            statusByOrder.put(e.orderId(), OrderStatus.CONFIRMED);
        } else if (event instanceof OrderRejectedEvent e) {
            statusByOrder.put(e.orderId(), OrderStatus.REJECTED);
            rejectionReasons.put(e.orderId(), e.reason());
        } else if (event instanceof OrderCancelledEvent e) {
            statusBeforeCancellation.put(e.orderId(), e.previousStatus());
            statusByOrder.put(e.orderId(), OrderStatus.CANCELLED);
        } else if (event instanceof OrderStockReservedEvent e) {
            totalByOrder.put(e.orderId(), e.total());
        } else if (event instanceof OrderStockRejectedEvent e) {
            stockRejected.add(e.orderId());
        } else if (event instanceof ProductAddedEvent e) {
            book(e.productId()).initial += e.initialStock();
        } else if (event instanceof ProductRestockedEvent e) {
            book(e.productId()).restocked += e.quantity();
        } else if (event instanceof StockReservedEvent e) {
            book(e.productId()).reserved += e.quantity();
        } else if (event instanceof StockReleasedEvent e) {
            book(e.productId()).released += e.quantity();
        } else if (event instanceof StockSoldEvent e) {
            book(e.productId()).sold += e.quantity();
        } else if (event instanceof StockReturnedEvent e) {
            book(e.productId()).returned += e.quantity();
        } else if (event instanceof PaymentCompletedEvent e) {
            captured = captured.plus(e.amount());
        } else if (event instanceof PaymentRefundedEvent e) {
            refunded = refunded.plus(e.amount());
        } else if (event instanceof CompensationFailedEvent e) {
            compensationFailures.add(e);
        }
    }

    private StockBook book(ProductId productId) {
        return stock.computeIfAbsent(productId, id -> new StockBook());
    }

    boolean everyOrderHasEnded() {
        return statusByOrder.values().stream().noneMatch(status -> status == OrderStatus.PENDING);
    }

    /** What a product should have sold, by the orders: the lines of every order that stayed confirmed. */
    long quantityConfirmedFor(ProductId productId) {
        return statusByOrder.entrySet().stream()
                .filter(entry -> entry.getValue() == OrderStatus.CONFIRMED)
                .flatMap(entry -> linesByOrder.get(entry.getKey()).stream())
                .filter(line -> line.productId().equals(productId))
                .mapToLong(OrderLine::quantity)
                .sum();
    }

    Money totalOfConfirmedOrders(String currency) {
        return statusByOrder.entrySet().stream()
                .filter(entry -> entry.getValue() == OrderStatus.CONFIRMED)
                .map(entry -> totalByOrder.get(entry.getKey()))
                .reduce(Money.zero(currency), Money::plus);
    }

    long count(OrderStatus status) {
        return statusByOrder.values().stream().filter(status::equals).count();
    }
}
