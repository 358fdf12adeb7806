package com.fulfillment.platform;

import java.util.function.UnaryOperator;

/**
 * Recognises an infrastructure exception as the framework exception it stands for, before a command failure
 * is classified: the distributed shape's event store, for one, reports a second creation of an aggregate as
 * a gRPC status rather than as a {@link org.axonframework.modelling.command.ConcurrencyException}. Returns
 * the failure unchanged when it has nothing to recognise.
 */
@FunctionalInterface
public interface CommandFailureTranslation extends UnaryOperator<Throwable> {

    CommandFailureTranslation NONE = failure -> failure;
}
