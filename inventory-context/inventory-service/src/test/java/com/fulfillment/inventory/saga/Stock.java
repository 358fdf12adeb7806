package com.fulfillment.inventory.saga;

import static com.fulfillment.inventory.Orders.KEYBOARD;
import static com.fulfillment.inventory.Orders.KEYBOARDS;
import static com.fulfillment.inventory.Orders.KEYBOARD_PRICE;
import static com.fulfillment.inventory.Orders.MICE;
import static com.fulfillment.inventory.Orders.MOUSE;
import static com.fulfillment.inventory.Orders.MOUSE_PRICE;
import static com.fulfillment.inventory.Orders.ORDER_ID;
import static com.fulfillment.inventory.Orders.SCREEN;
import static com.fulfillment.inventory.Orders.SCREENS;
import static com.fulfillment.inventory.Orders.SCREEN_PRICE;

import com.fulfillment.inventory.api.CommitStockCommand;
import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.ReleaseStockCommand;
import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import java.util.List;
import java.util.Map;

/** Object mother for what the products answer about the order of {@link com.fulfillment.inventory.Orders}. */
final class Stock {

    private static final Map<ProductId, Integer> QUANTITIES = Map.of(KEYBOARD, KEYBOARDS, MOUSE, MICE, SCREEN, SCREENS);
    private static final Map<ProductId, Money> PRICES =
            Map.of(KEYBOARD, KEYBOARD_PRICE, MOUSE, MOUSE_PRICE, SCREEN, SCREEN_PRICE);

    private Stock() {
    }

    static ReserveStockCommand reserve(ProductId product) {
        return new ReserveStockCommand(product, ORDER_ID, QUANTITIES.get(product));
    }

    static StockReservedEvent reserved(ProductId product) {
        return new StockReservedEvent(product, ORDER_ID, QUANTITIES.get(product), PRICES.get(product));
    }

    static StockReservationRefusedEvent refused(ProductId product, int available) {
        return new StockReservationRefusedEvent(product, ORDER_ID, QUANTITIES.get(product), available);
    }

    static Shortage shortage(ProductId product, int available) {
        return new Shortage(product, QUANTITIES.get(product), available);
    }

    static ReleaseStockCommand release(ProductId product) {
        return new ReleaseStockCommand(product, ORDER_ID);
    }

    static StockReleasedEvent released(ProductId product) {
        return new StockReleasedEvent(product, ORDER_ID, QUANTITIES.get(product));
    }

    static CommitStockCommand commit(ProductId product) {
        return new CommitStockCommand(product, ORDER_ID);
    }

    /** 2 x 49.90 + 1 x 19.99 + 1 x 199.00, priced in line order. */
    static OrderStockReservedEvent orderStockReserved() {
        return new OrderStockReservedEvent(
                ORDER_ID,
                List.of(new PricedLine(KEYBOARD, KEYBOARDS, KEYBOARD_PRICE, Money.of("99.80", "EUR")),
                        new PricedLine(MOUSE, MICE, MOUSE_PRICE, Money.of("19.99", "EUR")),
                        new PricedLine(SCREEN, SCREENS, SCREEN_PRICE, Money.of("199.00", "EUR"))),
                Money.of("318.79", "EUR"));
    }

    static OrderStockRejectedEvent orderStockRejected(Shortage... shortages) {
        return new OrderStockRejectedEvent(ORDER_ID, List.of(shortages));
    }
}
