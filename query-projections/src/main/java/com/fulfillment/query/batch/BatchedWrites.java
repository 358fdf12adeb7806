package com.fulfillment.query.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The projections' write-behind buffers of one unit of work (for an event processor: one batch of
 * events), a resource of its root. {@link BatchEndInterceptor} flushes them once the batch's last event
 * was handled, which is before the processor stores its token in the same unit of work: the documents
 * are then always written before the token that says they were, and a crash in between leads to a
 * redelivery that changes nothing. As a fallback (a unit of work the interceptor does not see, such as
 * a dead letter's retry) they are flushed when the unit of work prepares its commit.
 */
public final class BatchedWrites {

    private static final String RESOURCE = BatchedWrites.class.getName();

    private final Map<Object, Buffer> buffers = new LinkedHashMap<>();

    private BatchedWrites() {
    }

    /** What a projection keeps until the end of the batch. */
    public interface Buffer {

        /** Writes what was kept; called once per unit of work. */
        void flush();
    }

    /**
     * Hands {@code owner}'s buffer of the current unit of work to {@code use}; outside a unit of work a
     * fresh buffer, flushed right after, so that every change is written at once.
     */
    public static <B extends Buffer> void into(Object owner, Supplier<B> create, Consumer<B> use) {
        if (!CurrentUnitOfWork.isStarted()) {
            B buffer = create.get();
            use.accept(buffer);
            buffer.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        BatchedWrites writes = root.getOrComputeResource(RESOURCE, key -> {
            BatchedWrites created = new BatchedWrites();
            root.onPrepareCommit(unitOfWork -> created.flush());
            return created;
        });
        @SuppressWarnings("unchecked")
        B buffer = (B) writes.buffers.computeIfAbsent(owner, key -> create.get());
        use.accept(buffer);
    }

    /** Flushes every buffer the unit of work's root holds. */
    public static void flush(UnitOfWork<?> unitOfWork) {
        BatchedWrites writes = unitOfWork.root().getResource(RESOURCE);
        if (writes != null) {
            writes.flush();
        }
    }

    private void flush() {
        // Removed before writing: a buffer whose write fails is not written again by the prepare-commit fallback.
        while (!buffers.isEmpty()) {
            Object owner = buffers.keySet().iterator().next();
            buffers.remove(owner).flush();
        }
    }
}
