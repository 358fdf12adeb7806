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

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.payment.api.PaymentAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentRefundAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundRetryRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.PaymentRetryRequestedEvent;
import com.fulfillment.payment.command.PaymentRetryPolicy;
import com.fulfillment.payment.processor.PaymentProcessor;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import com.fulfillment.payment.provider.InMemoryPaymentProvider.Behaviour;
import com.fulfillment.payment.policy.RefundOnCancellationPolicy;
import com.fulfillment.payment.saga.PaymentSaga;
import com.fulfillment.platform.CompensationGateway;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
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
    /** While false, refunds get no answer, as behind an open circuit. */
    private volatile boolean refundsAnswered = true;
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
    void aRefundTheProviderRefusesIsRecordedOnceForAnOperatorWhoCanAskForItAgain() {
        start();
        provider.failRefunds(true);

        publish(orderPlaced());
        publish(stockReserved());
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentCompletedEvent.class));
        publish(orderCancelledWhilePending());
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(CompensationFailedEvent.class));
        // The refusal is an answer: the processor moves on instead of asking the provider again and again.
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE)
               .until(() -> provider.refundAttempts(PAYMENT_ID) == 1);
        assertThat(paymentEvents()).containsExactly(PaymentRequestedEvent.class, PaymentCompletedEvent.class,
                                                    PaymentRefundRequestedEvent.class, CompensationFailedEvent.class);

        provider.failRefunds(false);
        // What the operators' retry does: send the command the failure carries, as it was serialized.
        CompensationFailedEvent failure = configuration.eventStore().readEvents(PAYMENT_ID.toString()).asStream()
                                                       .map(EventMessage::getPayload)
                                                       .filter(CompensationFailedEvent.class::isInstance)
                                                       .map(CompensationFailedEvent.class::cast)
                                                       .findFirst().orElseThrow();
        configuration.commandGateway().sendAndWait(configuration.serializer().deserialize(
                new SimpleSerializedObject<>(failure.commandPayload(), String.class, failure.commandClass(), null)));

        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentRefundedEvent.class));
        assertThat(provider.refundedTotal()).isEqualTo(TOTAL);
        assertThat(provider.refundCount(PAYMENT_ID)).isEqualTo(1);
    }

    @Test
    void chargeThatGotNoAnswerIsRetriedOnThePaymentsDeadlineUntilTheProviderAnswers() {
        start(new PaymentRetryPolicy(Duration.ofMillis(100), Duration.ofMillis(200), 50));
        provider.behaveByDefault(Behaviour.UNAVAILABLE);

        publish(orderPlaced());
        publish(stockReserved());
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentRetryRequestedEvent.class));
        provider.behaveByDefault(Behaviour.APPROVE);

        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentCompletedEvent.class));
        List<Class<?>> events = paymentEvents();
        assertThat(events.get(0)).isEqualTo(PaymentRequestedEvent.class);
        assertThat(events.subList(1, events.size() - 1))
                .as("no answer, retried, as often as it took")
                .containsOnly(PaymentAttemptFailedEvent.class, PaymentRetryRequestedEvent.class);
        assertThat(events.get(events.size() - 1)).isEqualTo(PaymentCompletedEvent.class);
        assertThat(provider.chargeAttempts(PAYMENT_ID)).isEqualTo(events.size() / 2);
        assertThat(provider.chargeCount(PAYMENT_ID)).isEqualTo(1);
    }

    @Test
    void refundThatGotNoAnswerIsRetriedOnThePaymentsDeadlineUntilTheProviderAnswers() {
        start(new PaymentRetryPolicy(Duration.ofMillis(100), Duration.ofMillis(200), 1));
        refundsAnswered = false;

        publish(orderPlaced());
        publish(stockReserved());
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentCompletedEvent.class));
        publish(orderCancelledWhilePending());
        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentRefundRetryRequestedEvent.class));
        refundsAnswered = true;

        await().atMost(PATIENCE).until(() -> paymentEvents().contains(PaymentRefundedEvent.class));
        assertThat(paymentEvents()).as("retried past the policy's single charge attempt: a refund is never given up")
                                   .contains(PaymentRefundAttemptFailedEvent.class);
        assertThat(provider.refundCount(PAYMENT_ID)).isEqualTo(1);
        assertThat(provider.refundedTotal()).isEqualTo(TOTAL);
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
        start(PaymentRetryPolicy.defaults());
    }

    private void start(PaymentRetryPolicy retryPolicy) {
        // No auto-located modules: an Axon Server connector on the classpath must not take over the buses.
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                                                 .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                                 // As both runtimes are configured: the operators' retry reads
                                                 // the failed command back with it.
                                                 .configureSerializer(c -> JacksonSerializer.defaultSerializer());
        configurer.registerComponent(CompensationGateway.class,
                                     c -> (orderId, command) -> c.commandGateway().send(command));
        PaymentProvider refundsMaybeUnanswered = new PaymentProvider() {
            @Override
            public ChargeResult charge(ChargeRequest request) {
                return provider.charge(request);
            }

            @Override
            public RefundResult refund(RefundRequest request) {
                return refundsAnswered ? provider.refund(request) : new RefundResult.Unavailable("no answer", "OPEN");
            }
        };
        new PaymentContextModule(refundsMaybeUnanswered, retryPolicy).configureModule(configurer);
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
