package com.fulfillment.platform.correlation;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;

/**
 * Stamps a message dispatched on behalf of a request (a REST call) with that request's correlation id and, where
 * someone is authenticated, the user's name ({@link CorrelationIds#USER_ID}).
 * Messages sent while handling another message get it from the handled one through Axon's correlation
 * data providers instead, so this only fills the gap at the edge.
 */
public class CorrelationIdDispatchInterceptor<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    @Override
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> stamp(stamp(message, CorrelationIds.METADATA_KEY, MDC.get(CorrelationIds.MDC_KEY)),
                                         CorrelationIds.USER_ID, MDC.get(CorrelationIds.USER_ID));
    }

    private M stamp(M message, String key, String value) {
        if (value == null || message.getMetaData().containsKey(key)) {
            return message;
        }
        @SuppressWarnings("unchecked")
        M stamped = (M) message.andMetaData(java.util.Map.of(key, value));
        return stamped;
    }
}
