package com.fulfillment.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoordinatorWakeUpTest {

    /** Far longer than any test waits: a task that ran did not run at the end of its delay. */
    private static final Duration WAKEABLE = Duration.ofMinutes(10);

    private final CoordinatorWakeUp executors = new CoordinatorWakeUp("order-view", 2, WAKEABLE);

    @AfterEach
    void shutDown() {
        executors.shutdown();
    }

    @Test
    void aWorkPackageTakingUpWorkRunsTheCoordinatorsWaitingTaskAtOnce() throws InterruptedException {
        CountDownLatch coordinated = new CountDownLatch(1);
        executors.coordinator().schedule(coordinated::countDown, 5, TimeUnit.MINUTES);

        assertThat(coordinated.await(200, TimeUnit.MILLISECONDS)).as("nothing woke it yet").isFalse();
        executors.workers().execute(() -> { });

        assertThat(coordinated.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWokenTaskDoesNotRunAgainWhenItsDelayEnds() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        executors.coordinator().schedule(runs::incrementAndGet, 300, TimeUnit.MILLISECONDS);
        executors.workers().execute(() -> { });
        executors.workers().execute(() -> { });

        Thread.sleep(900);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aTaskDelayedLongerThanTheWaitForSpaceKeepsItsDelay() throws InterruptedException {
        CountDownLatch coordinated = new CountDownLatch(1);
        executors.coordinator().schedule(coordinated::countDown, WAKEABLE.toMinutes() + 1, TimeUnit.MINUTES);
        executors.workers().execute(() -> { });

        assertThat(coordinated.await(500, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void aTaskScheduledWithoutDelayRunsAsScheduled() throws InterruptedException {
        CountDownLatch coordinated = new CountDownLatch(1);
        executors.coordinator().schedule(coordinated::countDown, 0, TimeUnit.MILLISECONDS);

        assertThat(coordinated.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theThreadsAreNamedAsAxonNamesThem() throws Exception {
        String coordinator = executors.coordinator().submit(() -> Thread.currentThread().getName()).get();
        String worker = executors.workers().submit(() -> Thread.currentThread().getName()).get();

        assertThat(coordinator).startsWith("Coordinator[order-view]");
        assertThat(worker).startsWith("WorkPackage[order-view]");
    }
}
