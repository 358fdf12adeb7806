package com.fulfillment.platform.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * Operates the sagas' and policies' dead letters, per order: which orders are stuck where and why, a retry of
 * one order's letters in order, and giving up on one letter for good. A retry or eviction that leaves the
 * order without dead letters in the group is recorded as an {@code OrderProcessingResumedEvent}.
 */
@Component
public class DeadLetterAdmin {

    /** The parked events of one order in one processing group, oldest first. */
    public record StuckOrder(String processingGroup, String orderId, List<ParkedEvent> letters) {}

    /** One parked event, and why it was parked. */
    public record ParkedEvent(String eventId, String eventType, Instant occurredAt, Instant enqueuedAt,
                              Instant lastTouched, String causeType, String causeMessage) {}

    private final Configuration axon;

    public DeadLetterAdmin(Configuration axon) {
        this.axon = axon;
    }

    public List<StuckOrder> stuckOrders() {
        List<StuckOrder> stuck = new ArrayList<>();
        for (String group : registry().groups()) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
                List<DeadLetter<? extends EventMessage<?>>> letters =
                        StreamSupport.stream(sequence.spliterator(), false).toList();
                if (!letters.isEmpty()) {
                    stuck.add(new StuckOrder(group, orderOf(letters.get(0)),
                                             letters.stream().map(DeadLetterAdmin::parked).toList()));
                }
            }
        }
        return stuck;
    }

    public boolean isGroup(String group) {
        return registry().groups().contains(group);
    }

    /**
     * Hands the order's letters in the group to its handlers again, oldest first; empty when the order has none
     * there. True when all went through; false when one failed again (it and those after it stay parked).
     */
    public Optional<Boolean> retry(String group, String orderId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        if (!queue.contains(orderId)) {
            return Optional.empty();
        }
        registry().processor(group, axon)
                  .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group))
                  .process(letter -> orderOf(letter).equals(orderId));
        boolean done = !queue.contains(orderId);
        if (done) {
            resumed(group, orderId, false);
        }
        return Optional.of(done);
    }

    /** Gives up on one parked event for good: it is never handled. False when the group has no such letter. */
    public boolean evict(String group, String eventId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getIdentifier().equals(eventId)) {
                    String orderId = orderOf(letter);
                    queue.evict(letter);
                    if (!queue.contains(orderId)) {
                        resumed(group, orderId, true);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private void resumed(String group, String orderId, boolean evicted) {
        registry().sequenceEmptied(group, orderId);
        new ParkedAnnouncer(group, axon.eventGateway()).resumed(orderId, evicted);
    }

    private OrderDeadLetters registry() {
        return axon.getComponent(OrderDeadLetters.class, OrderDeadLetters::new);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return registry().queue(group, axon)
                         .orElseThrow(() -> new IllegalArgumentException("no dead letters are kept for " + group));
    }

    private static String orderOf(DeadLetter<? extends EventMessage<?>> letter) {
        return String.valueOf(ParkedAnnouncer.orderOf(letter.message()));
    }

    private static ParkedEvent parked(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        return new ParkedEvent(event.getIdentifier(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                               letter.enqueuedAt(), letter.lastTouched(),
                               letter.cause().map(Cause::type).orElse(null),
                               letter.cause().map(Cause::message).orElse(null));
    }
}
