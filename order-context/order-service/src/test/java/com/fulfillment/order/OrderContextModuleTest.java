package com.fulfillment.order;

import static com.fulfillment.order.FulfillmentOutcomes.paymentCompleted;
import static com.fulfillment.order.FulfillmentOutcomes.paymentExpired;
import static com.fulfillment.order.Orders.ORDER_ID;
import static com.fulfillment.order.Orders.confirmedOrder;
import static com.fulfillment.order.Orders.placeOrder;
import static com.fulfillment.order.Orders.placedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.saga.OrderFulfillmentSaga;
import com.fulfillment.order.saga.OrderTimeouts;
import com.fulfillment.payment.api.ExpirePaymentCommand;
import com.fulfillment.payment.api.PaymentStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The module on a plain Axon configuration, as the in-process runtime will use it: aggregate and saga together. */
class OrderContextModuleTest {

    private Configuration configuration;

    @AfterEach
    void shutDown() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    @Test
    void theSagaRunsInItsNamedProcessingGroup() {
        start(new OrderContextModule());

        assertThat(configuration.eventProcessingConfiguration()
                                .eventProcessor(OrderFulfillmentSaga.PROCESSING_GROUP))
                .isPresent();
        assertThat(configuration.getComponent(OrderTimeouts.class)).isEqualTo(OrderTimeouts.defaults());
    }

    @Test
    void aPlacedOrderIsConfirmedOnceItsPaymentCompletes() {
        start(new OrderContextModule());

        configuration.commandGateway().sendAndWait(placeOrder());
        configuration.eventGateway().publish(paymentCompleted());

        awaitOrderEvents(2);
        assertThat(orderEvents()).containsExactly(placedOrder(), confirmedOrder());
    }

    @Test
    void anUnpaidOrderIsRejectedWhenItsPaymentExpiresAtTheConfiguredTimeout() {
        start(new OrderContextModule(new OrderTimeouts(Duration.ofMillis(200))));
        paymentContextExpiresEveryPayment();

        configuration.commandGateway().sendAndWait(placeOrder());

        awaitOrderEvents(2);
        assertThat(orderEvents()).containsExactly(
                placedOrder(), new OrderRejectedEvent(ORDER_ID, "payment timeout: not completed within PT0.2S"));
    }

    /** Stands in for the payment context: no payment was captured, so each one asked to expire does. */
    private void paymentContextExpiresEveryPayment() {
        configuration.commandBus().subscribe(ExpirePaymentCommand.class.getName(), command -> {
            ExpirePaymentCommand expiry = (ExpirePaymentCommand) command.getPayload();
            configuration.eventGateway().publish(paymentExpired(expiry.reason()));
            return PaymentStatus.EXPIRED;
        });
    }

    private void start(OrderContextModule module) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                                                 .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        module.configureModule(configurer);
        configuration = configurer.start();
        awaitSagaProcessorTracking();
    }

    /**
     * A saga processor starts at the head of the stream, and it takes that position on its own thread after
     * start() returns: an order placed before then would never reach the saga.
     */
    private void awaitSagaProcessorTracking() {
        TrackingEventProcessor processor =
                configuration.eventProcessingConfiguration()
                             .eventProcessor(OrderFulfillmentSaga.PROCESSING_GROUP, TrackingEventProcessor.class)
                             .orElseThrow();
        awaitUntil(() -> !processor.processingStatus().isEmpty());
    }

    private List<Object> orderEvents() {
        return configuration.eventStore()
                            .readEvents(ORDER_ID.value())
                            .asStream()
                            .map(Message::getPayload)
                            .map(Object.class::cast)
                            .toList();
    }

    private void awaitOrderEvents(int count) {
        awaitUntil(() -> orderEvents().size() >= count);
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < giveUpAt) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
