package com.fulfillment.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.OrderProcessingResumedEvent;
import com.fulfillment.kernel.OrderProcessingStuckEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderDeadLettersTest {

    static final String SAGA_GROUP = "test-saga";
    static final String POLICY_GROUP = "test-policies";
    static final List<String> handled = new CopyOnWriteArrayList<>();
    static volatile String poisonedOrder;

    /** An order's step; handling it fails while its order is the poisoned one. */
    record StepTaken(String orderId, String step) {}

    @ProcessingGroup(SAGA_GROUP)
    public static class TestSaga {

        @StartSaga
        @SagaEventHandler(associationProperty = "orderId")
        public void on(StepTaken event) {
            if (event.orderId().equals(poisonedOrder)) {
                throw new IllegalStateException("poison in " + event.step());
            }
            handled.add("saga " + event.orderId() + " " + event.step());
        }
    }

    @ProcessingGroup(POLICY_GROUP)
    static class TestPolicy {

        @EventHandler
        void on(StepTaken event) {
            if (event.orderId().equals(poisonedOrder)) {
                throw new IllegalStateException("poison in " + event.step());
            }
            handled.add("policy " + event.orderId() + " " + event.step());
        }
    }

    private Configuration axon;
    private final List<Object> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        handled.clear();
        poisonedOrder = "order-poisoned";
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing()
                  .registerSaga(TestSaga.class)
                  .registerEventHandler(c -> new TestPolicy())
                  .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        OrderDeadLetters.forSaga(configurer, TestSaga.class, SAGA_GROUP, 2);
        OrderDeadLetters.forPolicies(configurer, POLICY_GROUP, 2);
        axon = configurer.buildConfiguration();
        axon.eventBus().subscribe(events -> events.stream().map(EventMessage::getPayload).forEach(published::add));
        axon.start();
        // Saga processors start at the head of the stream: publish only once every processor has claimed.
        await().atMost(Duration.ofSeconds(30)).until(() -> axon.eventProcessingConfiguration().eventProcessors()
                .values().stream().allMatch(processor -> processor instanceof TrackingEventProcessor tracking
                                                         && !tracking.processingStatus().isEmpty()));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void aPoisonEventParksItsOrderAloneUntilAnOperatorRetriesIt() {
        axon.eventGateway().publish(new StepTaken("order-poisoned", "first"), new StepTaken("order-poisoned", "second"),
                                    new StepTaken("order-healthy", "first"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handled).contains(
                "saga order-healthy first", "policy order-healthy first"));
        DeadLetterAdmin admin = new DeadLetterAdmin(axon);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.stuckOrders())
                .extracting(DeadLetterAdmin.StuckOrder::processingGroup, DeadLetterAdmin.StuckOrder::orderId,
                            stuck -> stuck.letters().size())
                .containsExactlyInAnyOrder(tuple(SAGA_GROUP, "order-poisoned", 2),
                                           tuple(POLICY_GROUP, "order-poisoned", 2)));
        assertThat(handled).noneMatch(step -> step.contains("order-poisoned"));
        assertThat(published).filteredOn(OrderProcessingStuckEvent.class::isInstance)
                             .extracting(event -> ((OrderProcessingStuckEvent) event).processingGroup())
                             .containsExactlyInAnyOrder(SAGA_GROUP, POLICY_GROUP);

        assertThat(admin.retry(SAGA_GROUP, "order-poisoned")).as("failing again").contains(false);
        poisonedOrder = null;
        assertThat(admin.retry(SAGA_GROUP, "order-poisoned")).contains(true);
        assertThat(admin.retry(POLICY_GROUP, "order-poisoned")).contains(true);

        assertThat(handled).containsSubsequence("saga order-poisoned first", "saga order-poisoned second");
        assertThat(handled).containsSubsequence("policy order-poisoned first", "policy order-poisoned second");
        assertThat(admin.stuckOrders()).isEmpty();
        assertThat(published).filteredOn(OrderProcessingResumedEvent.class::isInstance).hasSize(2);

        axon.eventGateway().publish(new StepTaken("order-poisoned", "third"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(handled).contains(
                "saga order-poisoned third", "policy order-poisoned third"));
    }

    @Test
    void anEvictedLetterIsNeverHandledAndTheOrderGoesOn() {
        axon.eventGateway().publish(new StepTaken("order-poisoned", "first"));
        DeadLetterAdmin admin = new DeadLetterAdmin(axon);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.stuckOrders().size() == 2);
        String eventId = admin.stuckOrders().get(0).letters().get(0).eventId();
        String group = admin.stuckOrders().get(0).processingGroup();

        assertThat(admin.evict(group, eventId)).isTrue();
        assertThat(admin.evict(group, eventId)).isFalse();
        poisonedOrder = null;
        axon.eventGateway().publish(new StepTaken("order-poisoned", "second"));

        String kind = group.equals(SAGA_GROUP) ? "saga" : "policy";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(handled)
                .contains(kind + " order-poisoned second")
                .doesNotContain(kind + " order-poisoned first"));
        assertThat(published).filteredOn(OrderProcessingResumedEvent.class::isInstance)
                             .extracting(event -> ((OrderProcessingResumedEvent) event).evicted())
                             .containsExactly(true);
    }
}
