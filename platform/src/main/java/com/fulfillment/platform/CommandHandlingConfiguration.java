package com.fulfillment.platform;

import com.fulfillment.platform.deadletter.DeadLetterAdmin;
import com.fulfillment.platform.deadletter.DeadLetterAdminController;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a runtime with sagas and policies needs besides the context modules, in either shape (the standalone
 * app and each distributed service): compensations that are waited for and recorded when refused, event
 * handlers that retry a failed event instead of skipping it, the operators' endpoints for the sagas' and
 * policies' dead letters (the runtime supplies a {@link com.fulfillment.platform.deadletter.DeadLetterStorage}), and command failures that read the same in
 * both shapes.
 */
@Configuration(proxyBeanMethods = false)
@Import({DeadLetterAdmin.class, DeadLetterAdminController.class})
public class CommandHandlingConfiguration {

    @Bean
    CompensationGateway compensationGateway(CommandGateway commandGateway, EventGateway eventGateway,
                                            Serializer serializer, MeterRegistry meterRegistry) {
        return new WaitingCompensationGateway(commandGateway, eventGateway, serializer, meterRegistry);
    }

    /**
     * For aggregates that learn of a refusal after their command was handled (the payment, from its provider):
     * under Spring, Axon resolves handler parameters from beans, not from components a module registers.
     */
    @Bean
    CompensationFailures compensationFailures(Serializer serializer) {
        return new CompensationFailures(serializer);
    }

    /**
     * Wraps the bus that runs this process's command handlers (Axon's {@code SimpleCommandBus}: the only bus
     * of the standalone app, the local segment behind Axon Server's bus in a service) so that every failure
     * carries {@link CommandFailure} details, and senders in both shapes read failures the same way.
     */
    @Bean
    static BeanPostProcessor detailedCommandFailures(ObjectProvider<CommandFailureTranslation> translation) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof SimpleCommandBus local
                       ? new FailureDetailingCommandBus(local, translation.getIfAvailable(() -> CommandFailureTranslation.NONE))
                       : bean;
            }
        };
    }

    /** A skipped event would leave an order half-way, with stock reserved or money taken. */
    @Bean
    ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
