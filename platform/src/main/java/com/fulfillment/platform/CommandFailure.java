package com.fulfillment.platform;

import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Why a command failed, in a form that survives the trip back from a handler in another service.
 * <p>
 * Across Axon Server a handler's exception does not arrive as itself: the sender gets a
 * {@link CommandExecutionException} whose only usable payload is its <em>details</em>. The handling side
 * therefore attaches one of these as details ({@link FailureDetailingCommandBus}), and every sender reads
 * failures through {@link #of(Throwable)}, which answers the same in the standalone app, where the handler's
 * own exception arrives, and in the distributed shape.
 *
 * @param kind      what went wrong, for the sender to decide on (answer 404, treat as a replay, ...)
 * @param message   the handler's message, meant for the user
 * @param exception the class name of what the handler threw, for a sender that expects one refusal in
 *                  particular ({@link #thrownAs(Class)})
 */
public record CommandFailure(Kind kind, String message, String exception) {

    public enum Kind {
        /** The aggregate addressed does not exist. */
        NOT_FOUND,
        /** A command that creates an aggregate found one with that id already there. */
        ALREADY_EXISTS,
        /**
         * The aggregate changed between loading and saving. For a creating command this, too, means that the
         * aggregate already exists: Axon Server reports a second creation as a sequence conflict.
         */
        CONCURRENT_CHANGE,
        /** The aggregate's state refused the command, e.g. cancelling a rejected order. */
        CONFLICT,
        /** A domain rule refused the command's input. */
        INVALID,
        /** Anything else: a fault, not an answer the sender can act on. */
        FAILED
    }

    /**
     * Whether the handler answered with a refusal that sending the command again cannot change (its state or a
     * rule refused it, or it does not exist), rather than failing in a way that may pass.
     */
    public boolean refusedForGood() {
        return kind == Kind.CONFLICT || kind == Kind.INVALID || kind == Kind.NOT_FOUND;
    }

    /** Whether a creating command failed because its aggregate is already there (in either shape). */
    public boolean aggregateExists() {
        return kind == Kind.ALREADY_EXISTS || kind == Kind.CONCURRENT_CHANGE;
    }

    /**
     * Whether the handler threw a {@code type}, such as a context's own state exception, and not merely
     * something of the same kind.
     */
    public boolean thrownAs(Class<? extends Throwable> type) {
        try {
            return type.isAssignableFrom(Class.forName(exception, false, type.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError unknownHere) {
            return false;
        }
    }

    /**
     * The failure behind what a handler threw, or what {@code sendAndWait} threw wherever the handler ran: the
     * details attached by the handling service, or else a classification of the exception itself.
     */
    public static CommandFailure of(Throwable thrown) {
        return attachedTo(thrown).orElseGet(() -> {
            Throwable failure = thrown instanceof CommandExecutionException && thrown.getCause() != null
                                ? thrown.getCause() : thrown;
            String message = failure instanceof AggregateNotFoundException notFound
                             ? "no such resource: " + notFound.getAggregateIdentifier()
                             : String.valueOf(failure.getMessage());
            return new CommandFailure(kindOf(failure), message, failure.getClass().getName());
        });
    }

    /**
     * The failure behind {@code thrown} when it is one the sender expected and carries on after, such as a
     * second creation of what already exists; anything else is rethrown as it is.
     */
    public static CommandFailure expected(RuntimeException thrown, Predicate<CommandFailure> expected) {
        CommandFailure failure = of(thrown);
        if (!expected.test(failure)) {
            throw thrown;
        }
        return failure;
    }

    private static Optional<CommandFailure> attachedTo(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof HandlerExecutionException handlerFailure
                && handlerFailure.getDetails().orElse(null) instanceof CommandFailure failure) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    private static Kind kindOf(Throwable failure) {
        if (failure instanceof AggregateNotFoundException) {
            return Kind.NOT_FOUND;
        }
        if (failure instanceof AggregateStreamCreationException) {
            return Kind.ALREADY_EXISTS;
        }
        if (failure instanceof ConcurrencyException) {
            return Kind.CONCURRENT_CHANGE;
        }
        if (failure instanceof IllegalStateException) {
            return Kind.CONFLICT;
        }
        if (failure instanceof IllegalArgumentException) {
            return Kind.INVALID;
        }
        return Kind.FAILED;
    }
}
