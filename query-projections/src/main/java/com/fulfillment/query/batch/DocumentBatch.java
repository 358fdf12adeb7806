package com.fulfillment.query.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;

/**
 * The changes one batch of events makes to one collection, kept in event order until the batch ends;
 * then the touched documents are read with one find, every change is applied to them in memory in that
 * order (each event at most once per document), and each changed document is written once.
 *
 * @param <D> the stored document
 */
public final class DocumentBatch<D extends ProjectedDocument> implements BatchedWrites.Buffer {

    private final DocumentCollection<D> collection;
    private final Function<D, Runnable> notification;
    private final List<Change<D>> changes = new ArrayList<>();
    private final Map<String, D> touched = new LinkedHashMap<>();
    private final List<Runnable> notifications = new ArrayList<>();

    /**
     * @param notification after each change a document took, what to tell subscribers once it is written
     *                     ({@code null} for nothing); asked during the fold, run after the write
     */
    public DocumentBatch(DocumentCollection<D> collection, Function<D, Runnable> notification) {
        this.collection = collection;
        this.notification = notification;
    }

    public void add(String id, EventMessage<?> event, Consumer<D> change) {
        changes.add(new Change<>(id, event, change));
    }

    /**
     * Reads the documents the batch touches and applies its changes to them; returns the documents a change
     * was applied to, by id. Documents whose events were all applied before are read but not returned.
     */
    public Map<String, D> fold() {
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(change -> ids.add(change.id()));
        Map<String, D> stored = collection.load(ids);
        Map<String, D> changed = new LinkedHashMap<>();
        for (Change<D> change : changes) {
            D document = stored.computeIfAbsent(change.id(), collection::start);
            touched.putIfAbsent(change.id(), document);
            if (document.hasApplied(change.event())) {
                continue;
            }
            change.change().accept(document);
            changed.put(change.id(), document);
            Runnable notify = notification.apply(document);
            if (notify != null) {
                notifications.add(notify);
            }
        }
        changes.clear();
        return changed;
    }

    /** Every document the fold read or started, changed or not, by id. */
    public Map<String, D> touched() {
        return touched;
    }

    /** Tells subscribers, in event order, what the written documents now show. */
    public void notifySubscribers() {
        notifications.forEach(Runnable::run);
        notifications.clear();
    }

    @Override
    public void flush() {
        collection.write(fold().values());
        notifySubscribers();
    }

    private record Change<D>(String id, EventMessage<?> event, Consumer<D> change) {}
}
