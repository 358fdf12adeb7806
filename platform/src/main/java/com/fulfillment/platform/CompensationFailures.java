package com.fulfillment.platform;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * How a compensation refused for good is written down, wherever the refusal is learnt: by the
 * {@link WaitingCompensationGateway} when the command itself is refused, or by an aggregate when the outside
 * party it asked refuses later (the payment provider refusing a refund). Either way the event carries the
 * command as the application's serializer writes it, so that the operators' retry sends exactly that command
 * again, and an id that is the same for the same refusal, so that the views hold it once.
 */
public class CompensationFailures {

    private final Serializer serializer;

    public CompensationFailures(Serializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer must not be null");
    }

    /** The first (or a repeated, redelivered) refusal of {@code command} for {@code orderId}. */
    public CompensationFailedEvent failed(OrderId orderId, Object command, String reason) {
        return failed(orderId, command, reason, 1);
    }

    /**
     * The {@code occurrence}-th refusal of {@code command} for {@code orderId}, for a command that an operator's
     * retry hands to someone who may refuse it again later: that later refusal is a new failure to settle, so it
     * must not carry the id of the one the retry closed.
     */
    public CompensationFailedEvent failed(OrderId orderId, Object command, String reason, int occurrence) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence counts from 1, was " + occurrence);
        }
        SerializedObject<String> serialized = serializer.serialize(command, String.class);
        return new CompensationFailedEvent(failureIdOf(orderId, serialized, occurrence), orderId, contextOf(command),
                                           command.getClass().getSimpleName(), serialized.getData(),
                                           serialized.getType().getName(), reason);
    }

    /**
     * The same for every refusal of the same command: a redelivered event that is refused again (in the
     * distributed shape, where the failure and the sender's progress are not stored together) names the same
     * failure, so the views hold it once.
     */
    private static String failureIdOf(OrderId orderId, SerializedObject<String> command, int occurrence) {
        String key = orderId + "|" + command.getType().getName() + "|" + command.getData()
                     + (occurrence == 1 ? "" : "|" + occurrence);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The bounded context a command belongs to, read from its package {@code com.fulfillment.<context>.api}. */
    private static String contextOf(Object command) {
        String[] parts = command.getClass().getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : command.getClass().getPackageName();
    }
}
