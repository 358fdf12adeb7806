package com.fulfillment.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.InventoryContextModule;
import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.inventory.api.RestockProductCommand;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.OrderContextModule;
import com.fulfillment.order.api.CancelOrderCommand;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.PlaceOrderCommand;
import com.fulfillment.order.saga.OrderTimeouts;
import com.fulfillment.payment.PaymentContextModule;
import com.fulfillment.platform.CompensationModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * All three contexts in one plain Axon configuration (in-memory buses and event store, the latter showing each
 * append's events in order, see {@link InOrderInMemoryEventStorageEngine}; tracking processors;
 * no Spring), driven by a few hundred orders over scarce stock, with declines, provider failures and
 * cancellations before and after confirmation. Afterwards the event store must balance: every order ended,
 * no stock is left reserved, what was sold is exactly what confirmed orders bought, and the money kept is
 * exactly what confirmed orders cost.
 */
class FulfillmentChoreographyTest {

    private static final String EUR = "EUR";
    private static final int ORDERS = 200;
    private static final List<ProductId> PRODUCTS =
            IntStream.rangeClosed(1, 5).mapToObj(i -> ProductId.of("sku-" + i)).toList();
    private static final long SEED = 20261123L;

    private final ScriptedPaymentProvider provider = new ScriptedPaymentProvider();
    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void startAllContexts() {
        // No auto-located modules: the Axon Server connector on this classpath must not take over the buses.
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InOrderInMemoryEventStorageEngine());
        List.<ConfigurerModule>of(
                new CompensationModule(),
                new OrderContextModule(new OrderTimeouts(Duration.ofMinutes(5))),
                new InventoryContextModule(),
                new PaymentContextModule(provider),
                c -> c.eventProcessing().registerDefaultListenerInvocationErrorHandler(
                        conf -> PropagatingErrorHandler.instance()))
            .forEach(module -> module.configureModule(configurer));
        axon = configurer.buildConfiguration();
        axon.start();
        awaitProcessorsRunning();
        commands = axon.commandGateway();
    }

    /** Saga processors start at the head of the stream: an order placed before they claim it would be missed. */
    private void awaitProcessorsRunning() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (EventProcessor processor : axon.eventProcessingConfiguration().eventProcessors().values()) {
            TrackingEventProcessor tracking = (TrackingEventProcessor) processor;
            while (tracking.processingStatus().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(processor.getName() + " did not start");
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void everyOrderEndsConsistentlyAndStockAndMoneyBalance() throws InterruptedException {
        Random random = new Random(SEED);
        for (int i = 0; i < PRODUCTS.size(); i++) {
            commands.sendAndWait(new AddProductCommand(PRODUCTS.get(i), "Product " + (i + 1),
                                                       Money.of((i + 1) + ".25", EUR), 40));
        }

        List<OrderId> cancelWhilePending = new ArrayList<>();
        List<OrderId> cancelLater = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            OrderId orderId = OrderId.of("order-" + i);
            switch (i % 10) {
                case 3 -> provider.decline(orderId);
                case 7 -> provider.fail(orderId);
                default -> { }
            }
            commands.sendAndWait(new PlaceOrderCommand(orderId, CustomerId.of("customer-" + (i % 17)),
                                                       randomLines(random)));
            if (i % 13 == 5) {
                cancelWhilePending.add(orderId);
                cancel(orderId);
            } else if (i % 11 == 4) {
                cancelLater.add(orderId);
            }
            if (i % 50 == 25) {
                commands.sendAndWait(new RestockProductCommand(PRODUCTS.get(random.nextInt(PRODUCTS.size())), 15));
            }
        }
        EventStoreLedger settled = awaitQuiet();
        for (OrderId orderId : cancelLater) {
            cancel(orderId);
        }
        EventStoreLedger ledger = awaitQuiet();

        assertThat(ledger.statusByOrder).hasSize(ORDERS);
        assertThat(ledger.everyOrderHasEnded()).as("every order ended").isTrue();
        assertThat(ledger.compensationFailures).as("compensations that failed for good").isEmpty();
        for (var entry : ledger.stock.entrySet()) {
            ProductId product = entry.getKey();
            EventStoreLedger.StockBook book = entry.getValue();
            assertThat(book.stillReserved()).as("%s left reserved at rest", product).isZero();
            assertThat(book.onHand()).as("%s on hand", product).isGreaterThanOrEqualTo(0);
            assertThat(book.initial + book.restocked)
                    .as("%s: initial + restocked = available + reserved + sold", product)
                    .isEqualTo(book.onHand() + book.stillReserved() + book.netSold());
            assertThat(book.netSold()).as("%s sold = what confirmed orders bought", product)
                                      .isEqualTo(ledger.quantityConfirmedFor(product));
        }
        assertThat(ledger.captured.minus(ledger.refunded)).as("captured - refunded = confirmed orders' totals")
                                                          .isEqualTo(ledger.totalOfConfirmedOrders(EUR));
        assertThat(provider.netCaptured(EUR)).as("the provider's books agree")
                                             .isEqualTo(ledger.totalOfConfirmedOrders(EUR));

        // The run must have exercised every path, or the balance above proves little.
        assertThat(ledger.count(OrderStatus.CONFIRMED)).isPositive();
        assertThat(ledger.stockRejected).as("orders rejected for lack of stock").isNotEmpty();
        assertThat(ledger.rejectionReasons.values()).anyMatch(reason -> reason.contains("declined"));
        assertThat(ledger.rejectionReasons.values()).anyMatch(reason -> reason.contains("failed"));
        assertThat(ledger.statusBeforeCancellation).containsValue(OrderStatus.CONFIRMED);
        assertThat(ledger.statusBeforeCancellation).containsValue(OrderStatus.PENDING);
        assertThat(settled.refunded.isPositive() || ledger.refunded.isPositive()).as("some money refunded").isTrue();
    }

    private List<OrderLine> randomLines(Random random) {
        List<ProductId> products = new ArrayList<>(PRODUCTS);
        Collections.shuffle(products, random);
        int lineCount = 1 + random.nextInt(3);
        return products.subList(0, lineCount).stream()
                       .map(product -> new OrderLine(product, 1 + random.nextInt(4)))
                       .toList();
    }

    private void cancel(OrderId orderId) {
        // Refused when the order was rejected in the meantime; that is a legal outcome here.
        commands.send(new CancelOrderCommand(orderId, "customer changed their mind"));
    }

    /** Waits until the event store has stopped growing and no order is pending any more. */
    private EventStoreLedger awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        EventStoreLedger previous = EventStoreLedger.read(axon.eventStore(), EUR);
        while (System.nanoTime() < deadline) {
            Thread.sleep(750);
            EventStoreLedger current = EventStoreLedger.read(axon.eventStore(), EUR);
            if (current.events == previous.events && current.everyOrderHasEnded()) {
                return current;
            }
            previous = current;
        }
        return previous;
    }
}
