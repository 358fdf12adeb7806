package com.fulfillment.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.EventMessage;

/**
 * When an event happened, as a read model keeps it. MongoDB stores time to the millisecond; cutting
 * the event's timestamp to that before it enters a document makes the view pushed to subscribers
 * equal to the one a query reads back.
 */
public final class StoredTime {

    private StoredTime() {
    }

    public static Instant of(EventMessage<?> event) {
        return event.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }
}
