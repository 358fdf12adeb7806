package com.fulfillment.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.platform.RetryingCompensationGateway.CompensationRetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryingCompensationGatewayTest {

    /** A compensating command of some context; its package decides the context reported. */
    record ReleaseSomethingCommand(String what) {}

    private static final OrderId ORDER = OrderId.of("order-1");

    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();
    private final List<EventMessage<?>> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger attempts = new AtomicInteger();
    private RetryingCompensationGateway gateway;

    @BeforeEach
    void setUp() {
        eventBus.subscribe(published::addAll);
        gateway = new RetryingCompensationGateway(commandBus,
                                                  DefaultEventGateway.builder().eventBus(eventBus).build(),
                                                  meters,
                                                  retryExecutor,
                                                  new CompensationRetryPolicy(3, Duration.ofMillis(10)));
    }

    @AfterEach
    void tearDown() {
        retryExecutor.shutdownNow();
    }

    @Test
    void aCompensationThatFailsTransientlyIsRetriedUntilItSucceeds() {
        handleFailingTimes(2, new IllegalStateException("aggregate busy"));

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 3);
        assertThat(published).isEmpty();
        assertThat(meters.find(RetryingCompensationGateway.FAILED_METRIC).counter()).isNull();
    }

    @Test
    void aCompensationThatStillFailsAfterEveryRetryIsRecordedAndCounted() {
        handleFailingTimes(Integer.MAX_VALUE, new IllegalStateException("provider down"));

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
        assertThat(attempts.get()).isEqualTo(4);
        CompensationFailedEvent failure = (CompensationFailedEvent) published.get(0).getPayload();
        assertThat(failure.orderId()).isEqualTo(ORDER);
        assertThat(failure.commandType()).isEqualTo("ReleaseSomethingCommand");
        assertThat(failure.context()).isEqualTo("platform");
        assertThat(failure.reason()).contains("provider down");
        assertThat(meters.get(RetryingCompensationGateway.FAILED_METRIC).tag("command", "ReleaseSomethingCommand")
                         .counter().count()).isEqualTo(1.0);
    }

    @Test
    void aNonTransientFailureIsRecordedWithoutRetrying() {
        handleFailingTimes(Integer.MAX_VALUE, new AxonNonTransientException("malformed") {});

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aCompensationDecidedInsideAUnitOfWorkIsSentOnlyAfterItCommits() {
        handleFailingTimes(0, new IllegalStateException("never"));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));

        assertThat(attempts.get()).as("dispatched before the decision committed").isZero();
        unitOfWork.commit();
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
    }

    @Test
    void aCompensationDecidedInsideAUnitOfWorkThatRollsBackIsNotSent() throws InterruptedException {
        handleFailingTimes(0, new IllegalStateException("never"));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));
        unitOfWork.rollback();

        Thread.sleep(200);
        assertThat(attempts.get()).isZero();
    }

    private void handleFailingTimes(int failures, RuntimeException failure) {
        commandBus.subscribe(ReleaseSomethingCommand.class.getName(), command -> {
            if (attempts.incrementAndGet() <= failures) {
                throw failure;
            }
            return null;
        });
    }
}
