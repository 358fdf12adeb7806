package com.fulfillment.platform.aggregate;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.serialization.Revision;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;

/**
 * How the contexts' event-sourced aggregates are loaded, so that handling a command costs the same whether its
 * aggregate has ten events or a hundred thousand.
 *
 * <ul>
 *   <li>A cache per aggregate type holding the {@value #CACHED_PER_TYPE} aggregates used last (Axon's
 *   {@link EhCache3Adapter} over an Ehcache heap store, which keeps references, not copies): an order, its
 *   payment and its products get several commands within milliseconds of each other, and a bestseller gets
 *   them all day. Axon's caching repository drops an aggregate from the cache when the unit of work that loaded
 *   it rolls back, so a failed command never leaves state behind that the event store does not have. A weak
 *   reference cache was tried first: between two commands nothing else references an aggregate, so under load
 *   the next young collection emptied it and nearly every command replayed its aggregate (BENCHMARKS.md).</li>
 *   <li>For aggregates whose history keeps growing (a product gets events from every order of it), a snapshot
 *   every {@code snapshotThreshold} events, taken after the command's commit on a thread of its own, so loading
 *   reads the latest snapshot and at most that many events.</li>
 *   <li>A snapshot is used only if it is of the aggregate's current {@link Revision} and still reads as the
 *   aggregate (see {@link ReadableSnapshotFilter}); any other is skipped and the aggregate rebuilt from its
 *   events, and the next snapshot replaces it. Bump the aggregate's {@code @Revision} when its fields change.</li>
 * </ul>
 */
public final class EventSourcedAggregates {

    private EventSourcedAggregates() {
    }

    /** Aggregates kept per type: every order in flight, and then some, at a few KB each. */
    static final int CACHED_PER_TYPE = 10_000;

    /** An aggregate with a short life (a few events): cached, never snapshotted. */
    public static <A> AggregateConfigurer<A> cached(Class<A> aggregateType) {
        return AggregateConfigurer.defaultConfiguration(aggregateType)
                                  .configureCache(c -> leastRecentlyUsed(aggregateType, c));
    }

    private static Cache leastRecentlyUsed(Class<?> aggregateType, Configuration configuration) {
        CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
        configuration.onShutdown(manager::close);
        // Axon's adapter takes Ehcache's own cache class, which is what the manager creates.
        return new EhCache3Adapter((Ehcache<?, ?>) manager.createCache(
                aggregateType.getSimpleName(),
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                                                                       ResourcePoolsBuilder.heap(CACHED_PER_TYPE))));
    }

    /** An aggregate whose history keeps growing: cached, and snapshotted every {@code snapshotThreshold} events. */
    public static <A> AggregateConfigurer<A> cachedAndSnapshotted(Class<A> aggregateType, int snapshotThreshold) {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshot threshold must be positive, was " + snapshotThreshold);
        }
        AggregateConfigurer<A> aggregate = cached(aggregateType);
        return aggregate
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(snapshotter(aggregate, c),
                                                                                       snapshotThreshold))
                .configureSnapshotFilter(c -> RevisionSnapshotFilter.builder()
                                                                    .type(aggregateType.getSimpleName())
                                                                    .revision(revisionOf(aggregateType))
                                                                    .build()
                                                                    .combine(new ReadableSnapshotFilter(
                                                                            aggregateType, c.serializer())));
    }

    /**
     * A snapshotter of its own for this aggregate type: the Spring Boot one knows only aggregates declared as
     * Spring beans, and these are registered through the contexts' modules.
     */
    private static <A> AggregateSnapshotter snapshotter(AggregateConfigurer<A> aggregate, Configuration c) {
        return AggregateSnapshotter.builder()
                                   .eventStore(c.eventStore())
                                   .aggregateFactories(aggregate.aggregateFactory())
                                   .repositoryProvider(c::repository)
                                   .parameterResolverFactory(c.parameterResolverFactory())
                                   .handlerDefinition(c.handlerDefinition(aggregate.aggregateType()))
                                   .transactionManager(c.getComponent(TransactionManager.class,
                                                                      NoTransactionManager::instance))
                                   .executor(snapshotThread(aggregate.aggregateType()))
                                   .build();
    }

    /** Snapshots are taken after the command has answered, one at a time; the trigger asks once per threshold. */
    private static ExecutorService snapshotThread(Class<?> aggregateType) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "snapshotter-" + aggregateType.getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String revisionOf(Class<?> aggregateType) {
        Revision revision = aggregateType.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }
}
