package com.fulfillment.query.batch;

import com.fulfillment.query.AppliedEvents;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.annotation.Transient;

/**
 * A read-model document as a projection folds events into it: what it has applied, so that a redelivered
 * event changes nothing, and how many times it was written, which a customer's totals use to tell whether
 * an order's write happened (see {@code CustomerDocument}).
 */
public abstract class ProjectedDocument {

    /** Absent from documents that no event is applied to directly, such as a customer's totals. */
    private AppliedEvents applied;
    private long version;
    /** Started by this process and not written yet, so the store has nothing under its id. */
    @Transient
    private boolean unstored;

    /** The document's {@code _id}. */
    public abstract String documentId();

    /** Called once the document was read from the store, before any change is applied to it. */
    protected void loaded() {
        // Most documents need nothing here.
    }

    public boolean hasApplied(EventMessage<?> event) {
        return applied != null && applied.includes(event);
    }

    protected void markApplied(EventMessage<?> event) {
        if (applied == null) {
            applied = new AppliedEvents();
        }
        applied.record(event);
    }

    /** How many times the document was written when it was read; 0 for a document not stored yet. */
    public long storedVersion() {
        return version;
    }

    void version(long written) {
        version = written;
    }

    boolean isUnstored() {
        return unstored;
    }

    void unstored(boolean unstored) {
        this.unstored = unstored;
    }
}
