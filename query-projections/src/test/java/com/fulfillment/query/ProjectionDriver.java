package com.fulfillment.query;

import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

/** Delivers events to a projection through Axon's own handler resolution, as its processor would. */
public final class ProjectionDriver {

    private final AnnotationEventHandlerAdapter handlers;

    public ProjectionDriver(Object projection) {
        this.handlers = new AnnotationEventHandlerAdapter(projection);
    }

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

    public void reset() {
        handlers.prepareReset(null);
    }
}
