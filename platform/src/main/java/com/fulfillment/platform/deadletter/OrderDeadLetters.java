package com.fulfillment.platform.deadletter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.modelling.saga.AbstractSagaManager;

/**
 * Dead letters per order for the sagas and policies: an event that still fails after its retries is parked
 * with every later event of its order, in that processing group only, so that one poison event stalls its own
 * order and no other. Context modules call {@link #forPolicies} and {@link #forSaga} for their groups; the
 * runtime provides the {@link DeadLetterStorage} (in-memory when it provides none). This registry then knows
 * every such group, for the operators' {@link DeadLetterAdmin}.
 */
public class OrderDeadLetters {

    /** How often an event fails, retried by its processor with back-off, before it is parked. */
    public static final int ATTEMPTS_BEFORE_PARKING = 6;

    private final Set<String> policyGroups = ConcurrentHashMap.newKeySet();
    private final Map<String, SagaDeadLetters> sagaGroups = new ConcurrentHashMap<>();

    /**
     * Axon's dead-letter queue for a group of plain event handlers, sequenced by order id; the processor's
     * sequencing becomes per order too, so that the letters of an order are its events in order.
     */
    public static void forPolicies(Configurer configurer, String processingGroup) {
        forPolicies(configurer, processingGroup, ATTEMPTS_BEFORE_PARKING);
    }

    static void forPolicies(Configurer configurer, String processingGroup, int attempts) {
        configurer.eventProcessing()
                  .registerSequencingPolicy(processingGroup, c -> ParkedAnnouncer.BY_ORDER)
                  .registerDeadLetterQueue(processingGroup, c -> {
                      registry(c).policyGroups.add(processingGroup);
                      return storage(c).queueFor(processingGroup, c);
                  })
                  .registerDeadLetterPolicy(processingGroup, c -> new RetryThenPark(
                          attempts, new ParkedAnnouncer(processingGroup, c.eventGateway())))
                  .registerDeadLetteringEventHandlerInvokerConfiguration(
                          processingGroup, (c, builder) -> builder.enableSequenceIdentifierCache());
    }

    /** Axon has no dead-letter queue for sagas; see {@link SagaDeadLetters} for what stands in for it. */
    public static void forSaga(Configurer configurer, Class<?> sagaType, String processingGroup) {
        forSaga(configurer, sagaType, processingGroup, ATTEMPTS_BEFORE_PARKING);
    }

    static void forSaga(Configurer configurer, Class<?> sagaType, String processingGroup, int attempts) {
        configurer.eventProcessing().registerHandlerInterceptor(
                processingGroup, c -> registry(c).sagaGroups.computeIfAbsent(processingGroup, group -> new SagaDeadLetters(
                        group, storage(c).queueFor(group, c), () -> sagaManager(c, sagaType),
                        c.getComponent(TransactionManager.class, () -> NoTransactionManager.INSTANCE),
                        new RetryThenPark(attempts, new ParkedAnnouncer(group, c.eventGateway())),
                        new ParkedAnnouncer(group, c.eventGateway()))));
    }

    /** Every processing group whose events are parked per order. */
    public Set<String> groups() {
        Set<String> groups = new TreeSet<>(policyGroups);
        groups.addAll(sagaGroups.keySet());
        return groups;
    }

    Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group, Configuration configuration) {
        SagaDeadLetters saga = sagaGroups.get(group);
        if (saga != null) {
            return Optional.of(saga.queue());
        }
        return policyGroups.contains(group) ? configuration.eventProcessingConfiguration().deadLetterQueue(group)
                                            : Optional.empty();
    }

    Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor(String group, Configuration configuration) {
        SagaDeadLetters saga = sagaGroups.get(group);
        if (saga != null) {
            return Optional.of(saga);
        }
        return policyGroups.contains(group)
               ? configuration.eventProcessingConfiguration().sequencedDeadLetterProcessor(group)
               : Optional.empty();
    }

    /** Lets a saga group forget an order whose dead letters an operator evicted. */
    void sequenceEmptied(String group, String order) {
        SagaDeadLetters saga = sagaGroups.get(group);
        if (saga != null) {
            saga.forget(order);
        }
    }

    private static OrderDeadLetters registry(Configuration configuration) {
        return configuration.getComponent(OrderDeadLetters.class, OrderDeadLetters::new);
    }

    private static DeadLetterStorage storage(Configuration configuration) {
        return configuration.getComponent(DeadLetterStorage.class, DeadLetterStorage::inMemory);
    }

    private static AbstractSagaManager<?> sagaManager(Configuration configuration, Class<?> sagaType) {
        if (!(configuration.eventProcessingConfiguration() instanceof EventProcessingModule module)) {
            throw new IllegalStateException("sagas are not configured through Axon's EventProcessingModule");
        }
        return module.sagaConfigurations().stream()
                     .filter(saga -> saga.type().equals(sagaType))
                     .map(SagaConfiguration::manager)
                     .findFirst()
                     .orElseThrow(() -> new IllegalStateException("no saga " + sagaType.getName() + " registered"));
    }
}
