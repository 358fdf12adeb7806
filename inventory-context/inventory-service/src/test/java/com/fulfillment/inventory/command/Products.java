package com.fulfillment.inventory.command;

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

/** Object mother for the {@link Product} aggregate: one keyboard SKU, two orders, and what happens to them. */
final class Products {

    static final ProductId KEYBOARD = ProductId.of("sku-keyboard");
    static final String NAME = "Mechanical keyboard";
    static final Money PRICE = Money.of("49.90", "EUR");
    static final Money NEW_PRICE = Money.of("44.90", "EUR");
    static final int STOCK = 10;

    static final OrderId ORDER = OrderId.of("order-1");
    static final OrderId OTHER_ORDER = OrderId.of("order-2");

    private Products() {
    }

    static AddProductCommand addKeyboard(int initialStock) {
        return new AddProductCommand(KEYBOARD, NAME, PRICE, initialStock);
    }

    static AddProductCommand addKeyboard() {
        return addKeyboard(STOCK);
    }

    static ProductAddedEvent keyboardAdded(int initialStock) {
        return new ProductAddedEvent(KEYBOARD, NAME, PRICE, initialStock);
    }

    static ProductAddedEvent keyboardAdded() {
        return keyboardAdded(STOCK);
    }

    static RestockProductCommand restock(int quantity) {
        return new RestockProductCommand(KEYBOARD, quantity);
    }

    static ProductRestockedEvent restocked(int quantity) {
        return new ProductRestockedEvent(KEYBOARD, quantity);
    }

    static ChangeProductPriceCommand changePrice(Money newPrice) {
        return new ChangeProductPriceCommand(KEYBOARD, newPrice);
    }

    static ProductPriceChangedEvent priceChanged(Money previous, Money next) {
        return new ProductPriceChangedEvent(KEYBOARD, previous, next);
    }

    static ReserveStockCommand reserve(OrderId order, int quantity) {
        return new ReserveStockCommand(KEYBOARD, order, quantity);
    }

    static StockReservedEvent reserved(OrderId order, int quantity) {
        return reserved(order, quantity, PRICE);
    }

    static StockReservedEvent reserved(OrderId order, int quantity, Money price) {
        return new StockReservedEvent(KEYBOARD, order, quantity, price);
    }

    static StockReservationRefusedEvent refused(OrderId order, int requested, int available) {
        return new StockReservationRefusedEvent(KEYBOARD, order, requested, available);
    }

    static ReleaseStockCommand release(OrderId order) {
        return new ReleaseStockCommand(KEYBOARD, order);
    }

    static StockReleasedEvent released(OrderId order, int quantity) {
        return new StockReleasedEvent(KEYBOARD, order, quantity);
    }

    static CommitStockCommand commit(OrderId order) {
        return new CommitStockCommand(KEYBOARD, order);
    }

    static StockSoldEvent sold(OrderId order, int quantity) {
        return new StockSoldEvent(KEYBOARD, order, quantity);
    }

    static ReturnStockCommand returnStock(OrderId order) {
        return new ReturnStockCommand(KEYBOARD, order);
    }

    static StockReturnedEvent returned(OrderId order, int quantity) {
        return new StockReturnedEvent(KEYBOARD, order, quantity);
    }
}
