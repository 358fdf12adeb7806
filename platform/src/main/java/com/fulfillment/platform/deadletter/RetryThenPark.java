package com.fulfillment.platform.deadletter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * When a failing event is parked: not at its first failure, which is as likely an outage (the database, Axon
 * Server) as a poison event, but once it has failed {@code attempts} times in a row. Until then the failure
 * propagates, so the event processor retries the event with its own back-off, as it does without dead
 * letters. The count is kept in memory: after a restart an event gets its retries again, which only delays
 * its parking. An event that fails again on an operator's retry stays parked.
 */
final class RetryThenPark implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key of a letter that was parked by this policy. */
    static final String PARKED = "parked";

    private static final int FORGET_ABOVE = 10_000;

    private final int attempts;
    private final ParkedAnnouncer announcer;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    RetryThenPark(int attempts, ParkedAnnouncer announcer) {
        this.attempts = attempts;
        this.announcer = announcer;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (letter.diagnostics().containsKey(PARKED)) {
            return Decisions.requeue(cause, parked -> parked.diagnostics());
        }
        if (!failedForGood(letter.message().getIdentifier())) {
            throw propagate(cause);
        }
        announcer.stuck(letter.message(), cause);
        return Decisions.enqueue(cause, parked -> MetaData.with(PARKED, true));
    }

    /** Counts one more failure of the event; true once it has failed as often as it may. */
    boolean failedForGood(String eventId) {
        if (failures.size() > FORGET_ABOVE) {
            failures.clear(); // failures of events that went through later; a count only delays parking
        }
        if (failures.merge(eventId, 1, Integer::sum) < attempts) {
            return false;
        }
        failures.remove(eventId);
        return true;
    }

    private static RuntimeException propagate(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
