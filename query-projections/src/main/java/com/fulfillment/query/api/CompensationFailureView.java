package com.fulfillment.query.api;

import com.fulfillment.kernel.CompensationFailedEvent;
import java.time.Instant;

/**
 * A compensating command that was refused for good, and whether an operator has closed it since.
 *
 * @param command      the command as serialized, so that an operator can send it again
 * @param commandClass its serialized type
 * @param settledAt    when an operator retried it successfully or settled it by hand; {@code null} while open
 * @param resolution   what the operator did; {@code null} while open
 */
public record CompensationFailureView(
        String failureId,
        String context,
        String commandType,
        String reason,
        Instant occurredAt,
        String command,
        String commandClass,
        Instant settledAt,
        String resolution) {

    /**
     * The view of a failure as recorded; one recorded before failures had ids (revision 1) is named by its
     * event's id.
     */
    public static CompensationFailureView of(CompensationFailedEvent failure, String eventId, Instant at) {
        return new CompensationFailureView(failure.failureId() != null ? failure.failureId() : eventId,
                                           failure.context(), failure.commandType(), failure.reason(), at,
                                           failure.commandPayload(), failure.commandClass(), null, null);
    }

    public boolean stillOpen() {
        return settledAt == null;
    }

    public CompensationFailureView settled(String how, Instant at) {
        return new CompensationFailureView(failureId, context, commandType, reason, occurredAt, command, commandClass,
                                           at, how);
    }
}
