package com.fulfillment.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.LoggingCallback;
import org.axonframework.common.Registration;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * The command bus that runs this process's handlers, with every failure turned into a
 * {@link CommandExecutionException} that carries a {@link CommandFailure} as details, the form in which Axon
 * Server passes a failure back to a sender in another service.
 * <p>
 * A handler interceptor cannot do this: a second creation of an aggregate fails when the unit of work commits
 * its events, after the interceptors have returned. The result a bus hands its callback is the first place
 * that sees every failure, so the details are added there.
 */
public class FailureDetailingCommandBus implements CommandBus {

    private final CommandBus delegate;
    private final CommandFailureTranslation translation;

    public FailureDetailingCommandBus(CommandBus delegate) {
        this(delegate, CommandFailureTranslation.NONE);
    }

    public FailureDetailingCommandBus(CommandBus delegate, CommandFailureTranslation translation) {
        this.delegate = delegate;
        this.translation = translation;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, LoggingCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command,
                                CommandCallback<? super C, ? super R> callback) {
        delegate.dispatch(command, (CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) ->
                callback.onResult(message, detailed(result)));
    }

    private <R> CommandResultMessage<? extends R> detailed(CommandResultMessage<? extends R> result) {
        if (!result.isExceptional()
            || HandlerExecutionException.resolveDetails(result.exceptionResult()).isPresent()) {
            return result;
        }
        Throwable failure = translation.apply(result.exceptionResult());
        CommandFailure details = CommandFailure.of(failure);
        return new GenericCommandResultMessage<>(
                new CommandExecutionException(details.message(), failure, details), result.getMetaData());
    }

    @Override
    public Registration subscribe(String commandName,
                                  MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
