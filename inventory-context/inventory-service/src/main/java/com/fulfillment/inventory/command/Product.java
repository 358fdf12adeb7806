package com.fulfillment.inventory.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.inventory.api.ChangeProductPriceCommand;
import com.fulfillment.inventory.api.CommitStockCommand;
import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.ProductPriceChangedEvent;
import com.fulfillment.inventory.api.ProductRestockedEvent;
import com.fulfillment.inventory.api.ReleaseStockCommand;
import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.inventory.api.RestockProductCommand;
import com.fulfillment.inventory.api.ReturnStockCommand;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * One product of the catalogue (one per SKU): its name and unit price, the stock on hand, and what each
 * order has reserved or bought of it.
 *
 * <p>Stock on hand is always the available stock plus the stock reserved by orders, and none of the
 * three is ever negative. Every order-scoped command is idempotent per order, because the sagas and the
 * compensation gateway that send them redeliver and retry.
 *
 * <p>Products are snapshotted as JSON of their fields: bump the {@code @Revision} whenever the fields change, so
 * that older snapshots are skipped and products rebuilt from their events (one that no longer reads is skipped in
 * any case).
 */
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY,
                getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE)
public class Product {

    @AggregateIdentifier
    private ProductId productId;
    private String name;
    private Money unitPrice;
    private int onHand;
    private final Map<OrderId, Integer> reservedByOrder = new HashMap<>();
    private final Map<OrderId, Integer> soldByOrder = new HashMap<>();
    // Kept so that a retried return is told apart from a return of something never sold.
    private final Map<OrderId, Integer> returnedByOrder = new HashMap<>();

    protected Product() {
        // Axon rebuilds a product from its events.
    }

    @CommandHandler
    public Product(AddProductCommand command) {
        if (command.name() == null || command.name().isBlank()) {
            throw new IllegalArgumentException("product name must not be blank");
        }
        requirePositivePrice(command.unitPrice());
        if (command.initialStock() < 0) {
            throw new IllegalArgumentException(
                    "initial stock must not be negative, was " + command.initialStock());
        }
        apply(new ProductAddedEvent(command.productId(), command.name(), command.unitPrice(),
                                    command.initialStock()));
    }

    @CommandHandler
    public void handle(RestockProductCommand command) {
        if (command.quantity() <= 0) {
            throw new IllegalArgumentException("restocked quantity must be positive, was " + command.quantity());
        }
        apply(new ProductRestockedEvent(productId, command.quantity()));
    }

    /** Changing to the price the product already has is accepted and changes nothing: no event. */
    @CommandHandler
    public void handle(ChangeProductPriceCommand command) {
        Money newPrice = command.newPrice();
        requirePositivePrice(newPrice);
        if (!newPrice.currency().equals(unitPrice.currency())) {
            throw new IllegalArgumentException("price of product " + productId + " must stay in "
                                               + unitPrice.currency() + ", was " + newPrice);
        }
        if (newPrice.equals(unitPrice)) {
            return;
        }
        apply(new ProductPriceChangedEvent(productId, unitPrice, newPrice));
    }

    /**
     * Reserves stock for an order at the current unit price. Too little available stock is not an
     * exception but a {@link StockReservationRefusedEvent}: the refusal is a business outcome that the
     * reservation saga must hear about durably, through the event stream, like a success.
     * A repeated reservation for an order that already holds or bought this product changes nothing.
     */
    @CommandHandler
    public void handle(ReserveStockCommand command) {
        OrderId orderId = command.orderId();
        int quantity = command.quantity();
        if (quantity <= 0) {
            throw new IllegalArgumentException("reserved quantity must be positive, was " + quantity);
        }
        if (hasDealtWith(orderId)) {
            int held = quantityDealtWith(orderId);
            if (held != quantity) {
                throw new IllegalStateException("order " + orderId + " already holds " + held + " of product "
                                                + productId + "; cannot reserve " + quantity + " instead");
            }
            return;
        }
        if (hasAvailable(quantity)) {
            apply(new StockReservedEvent(productId, orderId, quantity, unitPrice));
        } else {
            apply(new StockReservationRefusedEvent(productId, orderId, quantity, available()));
        }
    }

    /** Compensation: a release for an order that holds nothing (any more) changes nothing. */
    @CommandHandler
    public void handle(ReleaseStockCommand command) {
        if (!hasReservationFor(command.orderId())) {
            return;
        }
        apply(new StockReleasedEvent(productId, command.orderId(), reservedByOrder.get(command.orderId())));
    }

    @CommandHandler
    public void handle(CommitStockCommand command) {
        OrderId orderId = command.orderId();
        if (hasSoldTo(orderId) || hasTakenBackFrom(orderId)) {
            return;
        }
        if (!hasReservationFor(orderId)) {
            throw new IllegalStateException(
                    "order " + orderId + " has no reservation of product " + productId + " to commit");
        }
        apply(new StockSoldEvent(productId, orderId, reservedByOrder.get(orderId)));
    }

    /**
     * Compensation for a cancelled confirmed order. A return can overtake the commit of the sale (the policy
     * that returns and the saga that commits react to different events): stock still reserved for the order
     * is then sold and returned at once, and the late commit finds it taken back and changes nothing.
     * Returning what was never reserved nor sold is refused: nothing can make it right.
     */
    @CommandHandler
    public void handle(ReturnStockCommand command) {
        OrderId orderId = command.orderId();
        if (hasTakenBackFrom(orderId)) {
            return;
        }
        if (hasReservationFor(orderId)) {
            apply(new StockSoldEvent(productId, orderId, reservedByOrder.get(orderId)));
        } else if (!hasSoldTo(orderId)) {
            throw new IllegalStateException(
                    "nothing of product " + productId + " was sold to order " + orderId + " to return");
        }
        apply(new StockReturnedEvent(productId, orderId, soldByOrder.get(orderId)));
    }

    @EventSourcingHandler
    void on(ProductAddedEvent event) {
        productId = event.productId();
        name = event.name();
        unitPrice = event.unitPrice();
        onHand = event.initialStock();
    }

    @EventSourcingHandler
    void on(ProductRestockedEvent event) {
        onHand += event.quantity();
    }

    @EventSourcingHandler
    void on(ProductPriceChangedEvent event) {
        unitPrice = event.newPrice();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        reservedByOrder.put(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reservedByOrder.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(StockSoldEvent event) {
        reservedByOrder.remove(event.orderId());
        soldByOrder.put(event.orderId(), event.quantity());
        onHand -= event.quantity();
    }

    @EventSourcingHandler
    void on(StockReturnedEvent event) {
        soldByOrder.remove(event.orderId());
        returnedByOrder.put(event.orderId(), event.quantity());
        onHand += event.quantity();
    }

    // Business rules, named.

    boolean hasAvailable(int quantity) {
        return available() >= quantity;
    }

    boolean hasReservationFor(OrderId orderId) {
        return reservedByOrder.containsKey(orderId);
    }

    boolean hasSoldTo(OrderId orderId) {
        return soldByOrder.containsKey(orderId);
    }

    boolean hasTakenBackFrom(OrderId orderId) {
        return returnedByOrder.containsKey(orderId);
    }

    /** Whether the order holds, bought, or bought and returned this product: a new reservation is a repeat. */
    boolean hasDealtWith(OrderId orderId) {
        return hasReservationFor(orderId) || hasSoldTo(orderId) || hasTakenBackFrom(orderId);
    }

    private int quantityDealtWith(OrderId orderId) {
        if (hasReservationFor(orderId)) {
            return reservedByOrder.get(orderId);
        }
        return hasSoldTo(orderId) ? soldByOrder.get(orderId) : returnedByOrder.get(orderId);
    }

    int onHand() {
        return onHand;
    }

    int reserved() {
        return reservedByOrder.values().stream().mapToInt(Integer::intValue).sum();
    }

    int available() {
        return onHand - reserved();
    }

    private static void requirePositivePrice(Money price) {
        if (price == null || !price.isPositive()) {
            throw new IllegalArgumentException("unit price must be positive, was " + price);
        }
    }
}
