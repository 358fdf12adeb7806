package com.fulfillment.platform.deadletter;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * Where a runtime keeps the dead letters of its sagas and policies: the standalone app in its H2 database
 * next to the tokens, each distributed service in its own MongoDB database. One queue per processing group.
 */
@FunctionalInterface
public interface DeadLetterStorage {

    SequencedDeadLetterQueue<EventMessage<?>> queueFor(String processingGroup, Configuration configuration);

    /** For configurations without durable storage (the in-process tests): dead letters last as long as the JVM. */
    static DeadLetterStorage inMemory() {
        return (processingGroup, configuration) -> InMemorySequencedDeadLetterQueue.defaultQueue();
    }
}
