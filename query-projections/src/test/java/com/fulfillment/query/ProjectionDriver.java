package com.fulfillment.query;

import com.fulfillment.query.batch.BatchEndInterceptor;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/** Delivers events to a projection through Axon's own handler resolution, as its processor would. */
public final class ProjectionDriver {

    /**
     * The projections under test keep their documents in memory as the standalone runtime does, so that every
     * scenario (crashes and retries, resets) also shows that a batch never works on a document the store lacks.
     */
    public static final ProjectionProperties CACHED = new ProjectionProperties(64);

    private final AnnotationEventHandlerAdapter handlers;

    public ProjectionDriver(Object projection) {
        this.handlers = new AnnotationEventHandlerAdapter(projection);
    }

    /** One event at a time, outside any unit of work: each is written as it is handled. */
    public void deliver(EventMessage<?>... events) {
        deliver(List.of(events));
    }

    public void deliver(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            try {
                handlers.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("projection failed on " + event.getPayloadType().getSimpleName(), e);
            }
        }
    }

    /**
     * All events as one batch of a processor: one unit of work, the projection's interceptor writing what
     * the batch changed after its last event. A failure fails the whole batch, as it would the processor's.
     */
    public void deliverAsBatch(List<? extends EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = batch.executeWithResult(
                () -> new DefaultInterceptorChain<>(batch, List.of(new BatchEndInterceptor()), handlers::handle)
                        .proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException("batch of " + events.size() + " events failed", result.exceptionResult());
        }
    }

    public void reset() {
        handlers.prepareReset(null);
    }
}
