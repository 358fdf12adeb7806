package com.fulfillment.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Flushes the projections' buffers after the last event of a processor's batch, inside the batch's unit
 * of work. A prepare-commit handler would run too late: the processor registers the storing of its
 * token first, and the read models' store has no transaction that would make the order irrelevant.
 * A failing flush fails the batch, which the processor then retries.
 */
public final class BatchEndInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            BatchedWrites.flush(unitOfWork);
        }
        return result;
    }
}
