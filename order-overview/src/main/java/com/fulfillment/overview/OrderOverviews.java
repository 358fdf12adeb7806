package com.fulfillment.overview;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Gathers an order's overview (the API gateway's aggregation pattern): the order view and the payment's attempts
 * in parallel, then, once the order view has named its products, every product's availability in parallel. Each
 * part runs under its own resilience4j time limiter and circuit breaker (which does not count a part refused to the
 * caller, {@link PartRefusedException}); a payment or availability that fails, is refused or comes too late leaves
 * the overview {@code partial}, while an order view that cannot be had fails it
 * ({@link OrderViewUnavailableException}) and an unknown order is {@link OrderNotFoundException}.
 */
public final class OrderOverviews implements AutoCloseable {

    private final Map<OverviewPart, CircuitBreaker> breakers = new EnumMap<>(OverviewPart.class);
    private final Map<OverviewPart, TimeLimiter> limiters = new EnumMap<>(OverviewPart.class);
    private final Duration retryAfter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "order-overview-timer");
        thread.setDaemon(true);
        return thread;
    });

    /** The parts' breakers are registered in {@code registry}, so that the app's metrics and health show them. */
    public OrderOverviews(OverviewSettings settings, CircuitBreakerRegistry registry) {
        CircuitBreakerConfig config = settings.circuitBreaker().toConfig()
                                              .ignoreExceptions(PartRefusedException.class)
                                              .build();
        for (OverviewPart part : OverviewPart.values()) {
            breakers.put(part, registry.circuitBreaker(part.breakerName(), config));
            limiters.put(part, TimeLimiter.of(part.breakerName(), TimeLimiterConfig.custom()
                    .timeoutDuration(settings.timeout(part))
                    .cancelRunningFuture(true)
                    .build()));
        }
        this.retryAfter = settings.circuitBreaker().waitInOpenState();
    }

    /**
     * The overview of {@code orderId}; completes with {@link OrderNotFoundException} or
     * {@link OrderViewUnavailableException} when there is none to give.
     */
    public <O, P, A> CompletableFuture<OrderOverview<O, P, A>> overview(String orderId,
                                                                       OverviewSources<O, P, A> sources) {
        CompletableFuture<Part<P>> payment = guarded(OverviewPart.PAYMENT, () -> sources.payment(orderId))
                .handle(Part::of);
        return guarded(OverviewPart.ORDER, () -> sources.order(orderId))
                .handle((found, failure) -> {
                    if (failure != null) {
                        throw new OrderViewUnavailableException(orderId, retryAfter, cause(failure));
                    }
                    return found.orElseThrow(() -> new OrderNotFoundException(orderId));
                })
                .thenCompose(order -> guarded(OverviewPart.AVAILABILITY, () -> availability(sources, order))
                        .handle(Part::of)
                        .thenCombine(payment, (products, paid) -> {
                            List<String> missing = new ArrayList<>();
                            paid.ifMissing(OverviewPart.PAYMENT, missing);
                            products.ifMissing(OverviewPart.AVAILABILITY, missing);
                            return new OrderOverview<>(orderId, order, paid.value(), products.value(),
                                                       !missing.isEmpty(), missing);
                        }));
    }

    /** Every ordered product's catalogue entry, asked all at once; products the catalogue does not know left out. */
    private static <O, A> CompletionStage<Optional<List<A>>> availability(OverviewSources<O, ?, A> sources, O order) {
        List<CompletableFuture<Optional<A>>> products = sources.productIds(order).stream()
                .map(productId -> called(() -> sources.product(productId)))
                .toList();
        return CompletableFuture.allOf(products.toArray(CompletableFuture[]::new))
                .thenApply(all -> Optional.of(products.stream()
                        .flatMap(product -> product.join().stream())
                        .toList()));
    }

    private <T> CompletableFuture<T> guarded(OverviewPart part, Supplier<CompletionStage<T>> call) {
        TimeLimiter limiter = limiters.get(part);
        Supplier<CompletionStage<T>> limited = () -> limiter.executeCompletionStage(timer, () -> called(call));
        return CircuitBreaker.decorateCompletionStage(breakers.get(part), limited).get().toCompletableFuture();
    }

    /** A source that throws instead of answering with a failed stage fails its part all the same. */
    private static <T> CompletableFuture<T> called(Supplier<? extends CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture();
        } catch (RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A secondary part's outcome: its value ({@code null} when there is none), or missing. */
    private record Part<T>(T value, boolean missing) {

        static <T> Part<T> of(Optional<T> found, Throwable failure) {
            return failure != null ? new Part<>(null, true) : new Part<>(found.orElse(null), false);
        }

        void ifMissing(OverviewPart part, List<String> missing) {
            if (this.missing) {
                missing.add(part.partName);
            }
        }
    }
}
