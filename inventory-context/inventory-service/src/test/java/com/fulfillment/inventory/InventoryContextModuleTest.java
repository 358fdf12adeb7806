package com.fulfillment.inventory;

import static com.fulfillment.inventory.Orders.CUSTOMER;
import static com.fulfillment.inventory.Orders.KEYBOARD;
import static com.fulfillment.inventory.Orders.KEYBOARD_PRICE;
import static com.fulfillment.inventory.Orders.MOUSE;
import static com.fulfillment.inventory.Orders.MOUSE_PRICE;
import static com.fulfillment.inventory.Orders.ORDER_ID;
import static com.fulfillment.inventory.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.inventory.policy.ReturnStockOnCancellationPolicy;
import com.fulfillment.inventory.saga.StockReservationSaga;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.platform.CompensationModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory context on a plain Axon configuration with tracking processors, as the runtimes will
 * run it: the module's wiring, and the saga's commands reaching real {@code Product} aggregates (an
 * unknown product really surfaces as the exception the saga counts as a shortage).
 */
class InventoryContextModuleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private Configuration configuration;

    @BeforeEach
    void start() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                                                 .configureEmbeddedEventStore(c -> storage);
        new CompensationModule().configureModule(configurer);
        new InventoryContextModule().configureModule(configurer);
        configuration = configurer.start();
        awaitProcessorsClaimedTheirSegments();
    }

    @AfterEach
    void stop() {
        configuration.shutdown();
    }

    @Test
    void theSagaAndThePolicyRunInTheirNamedProcessingGroups() {
        assertThat(configuration.eventProcessingConfiguration()
                                .eventProcessor(StockReservationSaga.PROCESSING_GROUP)).isPresent();
        assertThat(configuration.eventProcessingConfiguration()
                                .eventProcessor(ReturnStockOnCancellationPolicy.PROCESSING_GROUP)).isPresent();
        assertThat(StockReservationSaga.PROCESSING_GROUP).isEqualTo("inventory-reservation-saga");
        assertThat(ReturnStockOnCancellationPolicy.PROCESSING_GROUP).isEqualTo("inventory-policies");
    }

    @Test
    void aPlacedOrderIsReservedThenSoldWhenConfirmedAndReturnedWhenCancelled() {
        addProduct(KEYBOARD, KEYBOARD_PRICE, 5);
        addProduct(MOUSE, MOUSE_PRICE, 5);
        List<OrderLine> lines = List.of(line(KEYBOARD, 2), line(MOUSE, 1));

        configuration.eventGateway().publish(new OrderPlacedEvent(ORDER_ID, CUSTOMER, lines));
        awaitEvent(new OrderStockReservedEvent(
                ORDER_ID,
                List.of(new PricedLine(KEYBOARD, 2, KEYBOARD_PRICE, Money.of("99.80", "EUR")),
                        new PricedLine(MOUSE, 1, MOUSE_PRICE, MOUSE_PRICE)),
                Money.of("119.79", "EUR")));

        configuration.eventGateway().publish(new OrderConfirmedEvent(ORDER_ID));
        awaitEvent(new StockSoldEvent(KEYBOARD, ORDER_ID, 2));
        awaitEvent(new StockSoldEvent(MOUSE, ORDER_ID, 1));

        configuration.eventGateway().publish(
                new OrderCancelledEvent(ORDER_ID, "changed my mind", OrderStatus.CONFIRMED, lines));
        awaitEvent(new StockReturnedEvent(KEYBOARD, ORDER_ID, 2));
        awaitEvent(new StockReturnedEvent(MOUSE, ORDER_ID, 1));
    }

    @Test
    void anOrderForAnUnknownProductIsRejectedAndWhatWasReservedIsReleased() {
        ProductId unknown = ProductId.of("sku-nobody-sells");
        addProduct(KEYBOARD, KEYBOARD_PRICE, 5);

        configuration.eventGateway().publish(
                new OrderPlacedEvent(ORDER_ID, CUSTOMER, List.of(line(KEYBOARD, 2), line(unknown, 1))));

        awaitEvent(new OrderStockRejectedEvent(ORDER_ID, List.of(new Shortage(unknown, 1, 0))));
        awaitEvent(new StockReleasedEvent(KEYBOARD, ORDER_ID, 2));
    }

    private void addProduct(ProductId product, Money price, int stock) {
        configuration.commandGateway().sendAndWait(new AddProductCommand(product, product.value(), price, stock));
    }

    private void awaitEvent(Object expected) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!storedEvents().contains(expected)) {
            assertThat(Instant.now())
                    .as("waiting for %s; stored so far: %s", expected, storedEvents())
                    .isBefore(deadline);
            pause();
        }
    }

    private List<Object> storedEvents() {
        return storage.readEvents(null, false).map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    // Saga processors start at the head of the stream: publish only once they hold their segment.
    private void awaitProcessorsClaimedTheirSegments() {
        Instant deadline = Instant.now().plus(PATIENCE);
        for (EventProcessor processor : configuration.eventProcessingConfiguration().eventProcessors().values()) {
            TrackingEventProcessor tracking = (TrackingEventProcessor) processor;
            while (tracking.processingStatus().isEmpty()) {
                assertThat(Instant.now()).as("%s claims a segment", processor.getName()).isBefore(deadline);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
