package com.fulfillment.query.batch;

import com.fulfillment.query.AppliedEvents;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.convert.MongoConverter;

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

    /**
     * The document as it is stored: Spring Data's mapping of it, unless a subclass writes the same fields itself
     * (see {@code OrderDocument}), with {@link StoredValues} and {@link #storedAs}.
     */
    protected Document stored(MongoConverter converter) {
        Document stored = new Document();
        converter.write(this, stored);
        return stored;
    }

    /**
     * Starts a document written by its subclass with what Spring Data's mapping writes for this class's fields and
     * for the type: the id, the class's name (Spring Data's {@code _class}), what was applied and the version.
     */
    protected final Document storedAs(String id) {
        Document stored = new Document("_id", id);
        if (applied != null) {
            stored.put("applied", applied.stored());
        }
        stored.put("version", version);
        stored.put("_class", getClass().getName());
        return stored;
    }

    boolean isUnstored() {
        return unstored;
    }

    void unstored(boolean unstored) {
        this.unstored = unstored;
    }
}
