package com.fulfillment.platform.deadletter;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AbstractSagaManager;

/**
 * Dead letters for one saga's processing group, per order. Axon 4 gives dead-letter queues to event handlers
 * only: a saga's associations may change from one event to the next, so Axon cannot tell in general which
 * later events belong to a failed saga. Ours are associated by order id alone, so the order is the sequence,
 * as for the policies, and this interceptor on the saga's processor does what Axon's dead-lettering invoker
 * does for them:
 * <ul>
 *   <li>an event of an order that has dead letters in this group is parked behind them, unhandled;</li>
 *   <li>a failing event propagates, and the processor rolls its batch back and retries it, until it has failed
 *       {@link RetryThenPark its number of times}; on its next delivery it is parked instead of handled. It is
 *       never handled and parked in one unit of work, so no half-handled saga state is ever stored;</li>
 *   <li>an operator's retry hands the order's letters, oldest first, to the saga manager, each in its own
 *       transaction, and stops at the first that fails again.</li>
 * </ul>
 * Which orders have dead letters is cached in this JVM, read from the queue at the first event and kept up to
 * date by this JVM's parking, retries and evictions. Run one node per saga group (the processor's segments may
 * be spread, the operator's retries must come to the node that parked).
 */
final class SagaDeadLetters implements MessageHandlerInterceptor<EventMessage<?>>, SequencedDeadLetterProcessor<EventMessage<?>> {

    private final String processingGroup;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final Supplier<AbstractSagaManager<?>> sagaManager;
    private final TransactionManager transactionManager;
    private final RetryThenPark policy;
    private final ParkedAnnouncer announcer;
    private final Set<String> parkedOrders = ConcurrentHashMap.newKeySet();
    /** Events that failed their last retry, with that failure, to park at their next delivery. */
    private final Map<String, Throwable> exhausted = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    SagaDeadLetters(String processingGroup, SequencedDeadLetterQueue<EventMessage<?>> queue,
                    Supplier<AbstractSagaManager<?>> sagaManager, TransactionManager transactionManager,
                    RetryThenPark policy, ParkedAnnouncer announcer) {
        this.processingGroup = processingGroup;
        this.queue = queue;
        this.sagaManager = sagaManager;
        this.transactionManager = transactionManager;
        this.policy = policy;
        this.announcer = announcer;
    }

    String processingGroup() {
        return processingGroup;
    }

    SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return queue;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object sequence = ParkedAnnouncer.orderOf(event);
        if (sequence == null) {
            return interceptorChain.proceed(); // not about one order: nothing to park it with
        }
        String order = sequence.toString();
        Set<String> parkedInThisBatch = unitOfWork.root().getOrComputeResource(
                "dead-lettered-orders:" + processingGroup, key -> ConcurrentHashMap.newKeySet());
        if (parkedInThisBatch.contains(order) || hasDeadLetters(order)) {
            queue.enqueue(order, new GenericDeadLetter<>(order, event));
            return null;
        }
        Throwable lastFailure = exhausted.remove(event.getIdentifier());
        if (lastFailure != null) {
            queue.enqueue(order, new GenericDeadLetter<>(order, event, lastFailure)
                    .withDiagnostics(MetaData.with(RetryThenPark.PARKED, true)));
            parkedInThisBatch.add(order);
            unitOfWork.afterCommit(committed -> parkedOrders.add(order));
            announcer.stuck(event, lastFailure);
            return null;
        }
        try {
            return interceptorChain.proceed();
        } catch (Exception failure) {
            if (policy.failedForGood(event.getIdentifier())) {
                // This failure rolls the batch back; the processor's next delivery parks the event, unhandled.
                exhausted.put(event.getIdentifier(), failure);
            }
            throw failure;
        }
    }

    private boolean hasDeadLetters(String order) {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    queue.deadLetters().forEach(sequence -> sequence.forEach(
                            letter -> parkedOrders.add(String.valueOf(ParkedAnnouncer.orderOf(letter.message())))));
                    loaded = true;
                }
            }
        }
        return parkedOrders.contains(order);
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter) {
        Object[] sequence = new Object[1];
        boolean handled = queue.process(sequenceFilter, letter -> {
            sequence[0] = ParkedAnnouncer.orderOf(letter.message());
            DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(letter.message());
            unitOfWork.attachTransaction(transactionManager);
            var result = unitOfWork.executeWithResult(() -> {
                sagaManager.get().handle(letter.message(), Segment.ROOT_SEGMENT);
                return null;
            });
            return result.isExceptional()
                   ? Decisions.requeue(result.exceptionResult(), failed -> failed.diagnostics())
                   : Decisions.evict();
        });
        if (handled && sequence[0] != null && !queue.contains(sequence[0])) {
            forget(sequence[0].toString());
        }
        return handled;
    }

    /** The order has no dead letters here any more: its events are handled again. */
    void forget(String order) {
        parkedOrders.remove(order);
    }

    @Override
    public boolean processAny() {
        return process(letter -> true);
    }
}
