package com.fulfillment.platform.correlation;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;

/**
 * Stamps a message dispatched on behalf of a request (a REST call) with that request's correlation id.
 * Messages sent while handling another message get it from the handled one through Axon's correlation
 * data providers instead, so this only fills the gap at the edge.
 */
public class CorrelationIdDispatchInterceptor<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    @Override
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> {
            String correlationId = MDC.get(CorrelationIds.MDC_KEY);
            if (correlationId == null || message.getMetaData().containsKey(CorrelationIds.METADATA_KEY)) {
                return message;
            }
            @SuppressWarnings("unchecked")
            M stamped = (M) message.andMetaData(java.util.Map.of(CorrelationIds.METADATA_KEY, correlationId));
            return stamped;
        };
    }
}
