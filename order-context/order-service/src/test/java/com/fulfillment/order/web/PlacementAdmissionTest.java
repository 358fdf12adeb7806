package com.fulfillment.order.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fulfillment.platform.metrics.ProcessorLag;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

class PlacementAdmissionTest {

    private static final String ORDERS = "/api/orders";

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration MAX_LAG = Duration.ofSeconds(2);

    private final ProcessorLag processorLag = new ProcessorLag(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1));
    private final Bulkhead twoAtOnce = Bulkhead.of("test", BulkheadConfig.custom()
            .maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build());

    @Test
    void aPlacementBeyondTheBulkheadIsRefusedWithServiceUnavailableUntilOneEnds() {
        PlacementAdmission admission = admission(perUser(100, Duration.ofHours(1)), 1_000);
        PlacementAdmission.Permit first = admission.admit("alice", ORDERS);
        admission.admit("bob", ORDERS);

        ErrorResponseException refused = refusal(admission, "carol");
        first.close();

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getBody().getType()).isEqualTo(PlacementAdmission.OVERLOADED);
        assertThat(refused.getBody().getInstance()).hasToString(ORDERS);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(admission.admit("carol", ORDERS)).isNotNull();
    }

    @Test
    void aUserOverTheirLimitIsRefusedWithTooManyRequestsUntilTheNextPeriodAndOthersAreNot() {
        PlacementAdmission admission = admission(perUser(2, Duration.ofHours(1)), 1_000);
        admission.admit("alice", ORDERS).close();
        admission.admit("alice", ORDERS).close();

        ErrorResponseException refused = refusal(admission, "alice");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getBody().getType()).isEqualTo(PlacementAdmission.RATE_LIMITED);
        assertThat(refused.getBody().getDetail()).contains("alice");
        assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                .isBetween(3_500L, 3_600L);
        assertThat(twoAtOnce.getMetrics().getAvailableConcurrentCalls()).as("no permit taken").isEqualTo(2);
        assertThat(admission.admit("bob", ORDERS)).isNotNull();
    }

    @Test
    void usersBackAtTheirFullAllowanceAreForgottenOnceManyAreTracked() throws InterruptedException {
        PlacementAdmission admission = admission(perUser(1, Duration.ofMillis(50)), 3);
        admission.admit("alice", ORDERS).close();
        admission.admit("bob", ORDERS).close();
        admission.admit("carol", ORDERS).close();
        Thread.sleep(120);

        admission.admit("dave", ORDERS).close();

        assertThat(admission.trackedUsers()).as("only dave, who ordered in this period").isEqualTo(1);
    }

    @Test
    void aPlacementWhileAProcessorIsFurtherBehindThanTheBoundIsRefusedWithServiceUnavailableNamingIt() {
        PlacementAdmission admission = admission(perUser(100, Duration.ofHours(1)), 1_000);
        processorBegan("payment-saga", NOW.minusMillis(2_000));
        admission.admit("alice", ORDERS).close();

        processorBegan("payment-saga", NOW.minusMillis(2_001));
        ErrorResponseException refused = refusal(admission, "bob");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getBody().getType()).isEqualTo(PlacementAdmission.OVERLOADED);
        assertThat(refused.getBody().getDetail()).contains("payment-saga").contains("2001 ms");
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(twoAtOnce.getMetrics().getAvailableConcurrentCalls()).as("no permit taken").isEqualTo(2);

        processorBegan("payment-saga", NOW.minusMillis(100));
        assertThat(admission.admit("bob", ORDERS)).as("caught up").isNotNull();
    }

    @Test
    void withoutABoundAProcessorBehindRefusesNothing() {
        PlacementAdmission admission = new PlacementAdmission(twoAtOnce, processorLag, Duration.ZERO,
                                                              perUser(100, Duration.ofHours(1)), Duration.ofSeconds(1));
        processorBegan("payment-saga", NOW.minusSeconds(60));

        assertThat(admission.admit("alice", ORDERS)).isNotNull();
    }

    private PlacementAdmission admission(RateLimiterConfig perUser, int sweepAtLeast) {
        return new PlacementAdmission(twoAtOnce, processorLag, MAX_LAG, perUser, Duration.ofMillis(2_500),
                                      sweepAtLeast);
    }

    /** {@code processor} begins an event stamped {@code at}. */
    private void processorBegan(String processor, Instant at) {
        processorLag.began(processor, new GenericEventMessage<>(new GenericEventMessage<>("payload"), () -> at));
    }

    private static RateLimiterConfig perUser(int limit, Duration period) {
        return RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period)
                                .timeoutDuration(Duration.ZERO).build();
    }

    private static ErrorResponseException refusal(PlacementAdmission admission, String user) {
        return catchThrowableOfType(ErrorResponseException.class, () -> admission.admit(user, ORDERS));
    }
}
