package com.fulfillment.query;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.AxonThreadFactory;

/**
 * The two executors of one projection's pooled processor, its coordinator's and its work packages', with the
 * coordinator woken when a work package takes up a batch.
 *
 * <p>Axon 4.13's coordinator hands each event it reads to every work package's queue, and when a queue is full
 * (1,024 events, a constant) it stops and looks again a fixed 100 ms later, however soon the work package takes its
 * next batch off the queue (AxonFramework#3493, neither can be configured). In a rebuild, where the queues fill, the
 * work packages then wait for the coordinator's nap to end and the coordinator for the work packages' batch to end:
 * the two took turns, and the process used one of the two cores (BENCHMARKS.md, "The coordinator's nap").
 *
 * <p>Here, when a work package's task starts or ends (a batch taken off its queue, a batch written), a coordinator
 * task waiting out a delay of at most {@link #WAITING_FOR_SPACE} runs at once instead, and not again when the
 * delay ends. It is the coordinator's own task, run sooner, as Axon itself runs it when new events arrive. Its
 * longer waits (the idle re-check for segments to claim, the back-off after an error) keep their delays.
 */
final class CoordinatorWakeUp {

    /** The coordinator's wait for space in its work packages' queues, Axon 4.13's fixed delay. */
    static final Duration WAITING_FOR_SPACE = Duration.ofMillis(100);

    private final ScheduledThreadPoolExecutor coordinator;
    private final ScheduledThreadPoolExecutor workers;

    /** Executors that wake the coordinator's tasks delayed by at most {@code wakeable} (tests choose their own). */
    CoordinatorWakeUp(String processorName, int workerThreads, Duration wakeable) {
        Coordinator coordinator = new Coordinator(processorName, wakeable);
        this.coordinator = coordinator;
        this.workers = new Workers(processorName, workerThreads, coordinator);
    }

    /** The executors of processor {@code processorName}, their threads named as Axon names them. */
    static CoordinatorWakeUp forProcessor(String processorName, int workerThreads) {
        return new CoordinatorWakeUp(processorName, workerThreads, WAITING_FOR_SPACE);
    }

    ScheduledExecutorService coordinator() {
        return coordinator;
    }

    ScheduledExecutorService workers() {
        return workers;
    }

    void shutdown() {
        workers.shutdown();
        coordinator.shutdown();
    }

    private static final class Coordinator extends ScheduledThreadPoolExecutor {

        private final long wakeableNanos;
        /** The task waiting out a wakeable delay, if any; whoever takes it out of here runs it. */
        private final AtomicReference<Once> waiting = new AtomicReference<>();

        Coordinator(String processorName, Duration wakeable) {
            super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
            this.wakeableNanos = wakeable.toNanos();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            long nanos = unit.toNanos(delay);
            if (nanos <= 0 || nanos > wakeableNanos) {
                return super.schedule(command, delay, unit);
            }
            Once task = new Once(command);
            waiting.set(task);
            return super.schedule(task, delay, unit);
        }

        void wake() {
            Once task = waiting.getAndSet(null);
            if (task == null || task.isDone()) {
                return;
            }
            try {
                execute(task);
            } catch (RejectedExecutionException shutDown) {
                // the processor is stopping; its task would not have run at the end of the delay either
            }
        }
    }

    private static final class Workers extends ScheduledThreadPoolExecutor {

        private final Coordinator coordinator;

        Workers(String processorName, int threads, Coordinator coordinator) {
            super(threads, new AxonThreadFactory("WorkPackage[" + processorName + "]"));
            this.coordinator = coordinator;
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            super.beforeExecute(thread, task);
            coordinator.wake();
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            super.afterExecute(task, failure);
            coordinator.wake();
        }
    }

    /** A task that runs once, whether woken or at the end of its delay, whichever comes first. */
    private static final class Once implements Runnable {

        private final Runnable task;
        private final AtomicBoolean ran = new AtomicBoolean();

        Once(Runnable task) {
            this.task = task;
        }

        boolean isDone() {
            return ran.get();
        }

        @Override
        public void run() {
            if (ran.compareAndSet(false, true)) {
                task.run();
            }
        }
    }
}
