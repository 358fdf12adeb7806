package com.fulfillment.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderOverviewsTest {

    private static final Duration LIMIT = Duration.ofMillis(300);

    private final OrderOverviews overviews = new OrderOverviews(
            new OverviewSettings(new OverviewSettings.Timeouts(LIMIT, LIMIT, LIMIT),
                                 new OverviewSettings.CircuitBreakerSettings(50f, 4, 4, Duration.ofSeconds(7))),
            CircuitBreakerRegistry.ofDefaults());

    @AfterEach
    void stopTimer() {
        overviews.close();
    }

    /** How a stand-in source answers. */
    enum Answer { ANSWERS, NONE, FAILS, HANGS, THROWS, REFUSES }

    /** An order of two products; each part answers as told, and counts its calls. */
    static final class Sources implements OverviewSources<String, String, String> {

        final Map<String, Answer> answers = new ConcurrentHashMap<>(Map.of(
                "order", Answer.ANSWERS, "payment", Answer.ANSWERS, "grinder", Answer.ANSWERS, "kettle", Answer.ANSWERS));
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        Sources with(String part, Answer answer) {
            answers.put(part, answer);
            return this;
        }

        int calls(String part) {
            return calls.getOrDefault(part, new AtomicInteger()).get();
        }

        @Override
        public CompletionStage<Optional<String>> order(String orderId) {
            return answer("order", "order " + orderId);
        }

        @Override
        public CompletionStage<Optional<String>> payment(String orderId) {
            return answer("payment", "payment of " + orderId);
        }

        @Override
        public List<String> productIds(String order) {
            return List.of("grinder", "kettle");
        }

        @Override
        public CompletionStage<Optional<String>> product(String productId) {
            return answer(productId, productId + " in stock");
        }

        private CompletionStage<Optional<String>> answer(String part, String value) {
            calls.computeIfAbsent(part, any -> new AtomicInteger()).incrementAndGet();
            return switch (answers.get(part)) {
                case ANSWERS -> CompletableFuture.completedFuture(Optional.of(value));
                case NONE -> CompletableFuture.completedFuture(Optional.empty());
                case FAILS -> CompletableFuture.failedFuture(new IllegalStateException(part + " is down"));
                case HANGS -> new CompletableFuture<>();
                case THROWS -> throw new IllegalStateException(part + " refused the call");
                case REFUSES -> CompletableFuture.failedFuture(new PartRefusedException(part + " is not the caller's"));
            };
        }
    }

    private OrderOverview<String, String, String> overviewOf(Sources sources) {
        return overviews.overview("order-1", sources).orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void anOverviewWithEveryPartIsWhole() {
        OrderOverview<String, String, String> overview = overviewOf(new Sources());

        assertThat(overview.orderId()).isEqualTo("order-1");
        assertThat(overview.order()).isEqualTo("order order-1");
        assertThat(overview.payment()).isEqualTo("payment of order-1");
        assertThat(overview.availability()).containsExactly("grinder in stock", "kettle in stock");
        assertThat(overview.partial()).isFalse();
        assertThat(overview.missing()).isEmpty();
    }

    @ParameterizedTest(name = "payment {0}, grinder {1}, kettle {2} -> missing {3}")
    @CsvSource({
            "FAILS,   ANSWERS, ANSWERS, payment",
            "HANGS,   ANSWERS, ANSWERS, payment",
            "THROWS,  ANSWERS, ANSWERS, payment",
            "ANSWERS, FAILS,   ANSWERS, availability",
            "ANSWERS, ANSWERS, HANGS,   availability",
            "ANSWERS, THROWS,  ANSWERS, availability",
            "FAILS,   FAILS,   ANSWERS, payment availability",
            "HANGS,   ANSWERS, HANGS,   payment availability"})
    void aSecondaryPartThatFailsOrIsLateIsMissingAndTheRestIsGiven(Answer payment, Answer grinder, Answer kettle,
                                                                   String missing) {
        Sources sources = new Sources().with("payment", payment).with("grinder", grinder).with("kettle", kettle);
        long started = System.nanoTime();

        OrderOverview<String, String, String> overview = overviewOf(sources);

        List<String> missingParts = List.of(missing.split(" "));
        assertThat(overview.partial()).isTrue();
        assertThat(overview.missing()).isEqualTo(missingParts);
        assertThat(overview.order()).isEqualTo("order order-1");
        assertThat(overview.payment()).isEqualTo(missingParts.contains("payment") ? null : "payment of order-1");
        if (missingParts.contains("availability")) {
            assertThat(overview.availability()).isNull();
        } else {
            assertThat(overview.availability()).containsExactly("grinder in stock", "kettle in stock");
        }
        // The order view answers at once; the slowest part waits out its own limit, and the parts wait together.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT.multipliedBy(2).plusMillis(500));
    }

    @Test
    void anOrderWithoutAPaymentYetOrWithAProductTheCatalogueDoesNotKnowIsWhole() {
        OrderOverview<String, String, String> overview = overviewOf(
                new Sources().with("payment", Answer.NONE).with("kettle", Answer.NONE));

        assertThat(overview.payment()).isNull();
        assertThat(overview.availability()).containsExactly("grinder in stock");
        assertThat(overview.partial()).isFalse();
        assertThat(overview.missing()).isEmpty();
    }

    @Test
    void anUnknownOrderHasNoOverview() {
        assertThatThrownBy(() -> overviewOf(new Sources().with("order", Answer.NONE)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(OrderNotFoundException.class)
                .hasMessageContaining("order-1");
    }

    @ParameterizedTest
    @CsvSource({"FAILS", "THROWS"})
    void anOrderViewThatFailsLeavesNoOverviewAndSaysWhenToAskAgain(Answer order) {
        Sources sources = new Sources().with("order", order);

        assertThatThrownBy(() -> overviewOf(sources))
                .cause().isInstanceOf(OrderViewUnavailableException.class)
                .satisfies(failure -> assertThat(((OrderViewUnavailableException) failure).retryAfter())
                        .isEqualTo(Duration.ofSeconds(7)))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(sources.calls("grinder")).isZero();
    }

    @Test
    void anOrderViewThatIsLateLeavesNoOverviewOnceItsTimeLimitHasPassed() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> overviewOf(new Sources().with("order", Answer.HANGS)))
                .cause().isInstanceOf(OrderViewUnavailableException.class)
                .hasMessageContaining("no answer in time")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(LIMIT, LIMIT.plusMillis(1500));
    }

    @Test
    void aPartThatKeepsFailingIsNoLongerCalledUntilItsBreakerLetsCallsThroughAgain() {
        Sources sources = new Sources().with("payment", Answer.FAILS);
        for (int call = 0; call < 4; call++) {
            assertThat(overviewOf(sources).missing()).containsExactly("payment");
        }
        sources.with("payment", Answer.ANSWERS);

        OrderOverview<String, String, String> overview = overviewOf(sources);

        assertThat(overview.missing()).containsExactly("payment");
        assertThat(sources.calls("payment")).isEqualTo(4);
        assertThat(sources.calls("order")).isEqualTo(5);
    }

    @Test
    void aPartRefusedToTheCallerIsMissingWithoutOpeningItsBreakerForOthers() {
        Sources sources = new Sources().with("payment", Answer.REFUSES);
        for (int call = 0; call < 6; call++) {
            assertThat(overviewOf(sources).missing()).containsExactly("payment");
        }
        sources.with("payment", Answer.ANSWERS);

        OrderOverview<String, String, String> overview = overviewOf(sources);

        assertThat(overview.missing()).isEmpty();
        assertThat(overview.payment()).isEqualTo("payment of order-1");
        assertThat(sources.calls("payment")).isEqualTo(7);
    }

    @Test
    void anOrderViewWhoseBreakerIsOpenIsUnavailableWithoutBeingCalled() {
        Sources sources = new Sources().with("order", Answer.FAILS);
        for (int call = 0; call < 4; call++) {
            assertThatThrownBy(() -> overviewOf(sources)).cause().isInstanceOf(OrderViewUnavailableException.class);
        }

        assertThatThrownBy(() -> overviewOf(sources.with("order", Answer.ANSWERS)))
                .cause().isInstanceOf(OrderViewUnavailableException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);
        assertThat(sources.calls("order")).isEqualTo(4);
    }
}
