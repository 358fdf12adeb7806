package com.fulfillment.kernel;

import org.axonframework.serialization.Revision;

/**
 * A compensating command was refused for good: an operator must retry it once the cause is fixed, or settle it
 * by hand. Revision 2 added {@code failureId}, {@code commandClass} and the command as serialized
 * ({@code commandPayload}, which revision 1 held as text for people only); a revision 1 event has no id and
 * cannot be retried.
 *
 * @param failureId      the same for every refusal of the same command to the same order
 * @param commandType    the command's simple class name, for people
 * @param commandPayload the command as the application's serializer wrote it
 * @param commandClass   the serialized type of {@code commandPayload}
 */
@Revision("2")
public record CompensationFailedEvent(
        String failureId,
        OrderId orderId,
        String context,
        String commandType,
        String commandPayload,
        String commandClass,
        String reason) {}
