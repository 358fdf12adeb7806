package com.fulfillment.payment;

import static com.fulfillment.payment.Orders.ORDER_ID;
import static com.fulfillment.payment.Orders.TOTAL;
import static com.fulfillment.payment.Orders.orderCancelledWhilePending;
import static com.fulfillment.payment.Orders.orderConfirmed;
import static com.fulfillment.payment.Orders.orderPlaced;
import static com.fulfillment.payment.Orders.stockReserved;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.processor.PaymentProcessor;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.policy.RefundOnCancellationPolicy;
import com.fulfillment.payment.saga.PaymentSaga;
import com.fulfillment.platform.CompensationGateway;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.saga.AssociationValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The module on a plain Axon configuration, with the default (asynchronous) event processors: the
 * payment context alone carries an order's payment from placement and reserved stock to captured money
 * and back.
 */
class PaymentContextModuleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final InMemoryPaymentProvider provider = new InMemoryPaymentProvider();
    private Configuration configuration;

    @AfterEach
    void shutDown() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    @Test
    void registersEachHandlerInItsProcessingGroupAndPropagatesProviderErrors() {
        start();

        assertThat(configuration.eventProcessingConfiguration().eventProcessorByProcessingGroup(PaymentSaga.PROCESSING_GROUP))
                .isPresent();
        assertThat(configuration.eventProcessingConfiguration().eventProcessorByProcessingGroup(PaymentProcessor.PROCESSING_GROUP))
                .isPresent();
        assertThat(configuration.eventProcessingConfiguration().eventProcessorByProcessingGroup(RefundOnCancellationPolicy.PROCESSING_GROUP))
                .isPresent();
        assertThat(configuration.eventProcessingConfiguration().listenerInvocationErrorHandler(PaymentProcessor.PROCESSING_GROUP))
                .isSameAs(PropagatingErrorHandler.instance());
    }

    @Test
    void reservedStockIsChargedAndTheSagaEndsWhenTheOrderIsConfirmed() {
        start();

        publish(orderPlaced());
        publish(stockReserved());

        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentCompletedEvent.class));
        assertThat(paymentEvents()).containsExactly(PaymentRequestedEvent.class, PaymentCompletedEvent.class);
        assertThat(provider.capturedTotal()).isEqualTo(TOTAL);
        assertThat(paymentSagasOfTheOrder()).hasSize(1);

        publish(orderConfirmed());

        await().atMost(PATIENCE).until(() -> paymentSagasOfTheOrder().isEmpty());
    }

    @Test
    void cancelledOrderIsRefundedEvenWhenTheProviderFailsTheFirstRefund() {
        start();
        provider.failRefunds(true);

        publish(orderPlaced());
        publish(stockReserved());
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentCompletedEvent.class));
        publish(orderCancelledWhilePending());
        await().atMost(PATIENCE).until(() -> provider.refundAttempts(PAYMENT_ID) >= 1);
        provider.failRefunds(false);

        // With a logging error handler the failed refund would be skipped and this would never happen.
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentRefundedEvent.class));
        assertThat(paymentEvents()).containsExactly(PaymentRequestedEvent.class, PaymentCompletedEvent.class,
                                                    PaymentRefundRequestedEvent.class, PaymentRefundedEvent.class);
        assertThat(provider.refundedTotal()).isEqualTo(TOTAL);
        assertThat(provider.refundCount(PAYMENT_ID)).isEqualTo(1);
    }

    @Test
    void reservationPublishedAfterTheOrderWasCancelledChargesNothing() {
        start();

        // Inventory's saga publishes the reservation, so it can trail the cancellation in the stream.
        publish(orderPlaced());
        publish(orderCancelledWhilePending());
        publish(stockReserved());
        awaitPaymentSagaCaughtUp();

        assertThat(paymentEvents()).isEmpty();
        assertThat(paymentSagasOfTheOrder()).isEmpty();
    }

    private void start() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                                                 .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.registerComponent(CompensationGateway.class,
                                     c -> (orderId, command) -> c.commandGateway().send(command));
        new PaymentContextModule(provider).configureModule(configurer);
        configuration = configurer.start();
        // Saga processors start at the head of the stream: an event published before the saga processor
        // has claimed its segment would never reach the saga.
        await().atMost(PATIENCE).until(() -> configuration.eventProcessingConfiguration()
                                                          .eventProcessors()
                                                          .values()
                                                          .stream()
                                                          .allMatch(p -> p instanceof StreamingEventProcessor streaming
                                                                         && !streaming.processingStatus().isEmpty()));
    }

    private void publish(Object event) {
        configuration.eventBus().publish(GenericEventMessage.asEventMessage(event));
    }

    /** Waits until the saga has handled everything published so far, so that "nothing happened" is an answer. */
    private void awaitPaymentSagaCaughtUp() {
        TrackingToken head = configuration.eventStore().createHeadToken();
        StreamingEventProcessor sagaProcessor =
                configuration.eventProcessingConfiguration()
                             .eventProcessorByProcessingGroup(PaymentSaga.PROCESSING_GROUP, StreamingEventProcessor.class)
                             .orElseThrow();
        await().atMost(PATIENCE).until(() -> !sagaProcessor.processingStatus().isEmpty()
                                             && sagaProcessor.processingStatus()
                                                             .values()
                                                             .stream()
                                                             .allMatch(status -> status.getTrackingToken() != null
                                                                                 && status.getTrackingToken().covers(head)));
    }

    private Set<String> paymentSagasOfTheOrder() {
        return configuration.eventProcessingConfiguration()
                            .sagaConfiguration(PaymentSaga.class)
                            .store()
                            .findSagas(PaymentSaga.class, new AssociationValue(PaymentSaga.ORDER_ID, ORDER_ID.toString()));
    }

    private List<Class<?>> paymentEvents() {
        return configuration.eventStore()
                            .readEvents(PAYMENT_ID.toString())
                            .asStream()
                            .<Class<?>>map(EventMessage::getPayloadType)
                            .toList();
    }
}
