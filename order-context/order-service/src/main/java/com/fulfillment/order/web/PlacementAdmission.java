package com.fulfillment.order.web;

import com.fulfillment.platform.metrics.ProcessorLag;
import com.fulfillment.platform.web.ApiProblems;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Whether an order placement is taken on now. Under overload a placement that is let in only waits inside the app
 * (for a database connection, behind every other one), holding a request thread, and its client waits for an
 * answer that comes late or never; refusing it at once with {@code 503} and {@code Retry-After} lets the client
 * decide, and keeps what is let in fast. So: a user who sends more placements than {@code ordersPerUser} a period
 * gets {@code 429} (one user cannot take the capacity everyone shares), and a placement that finds
 * {@code maxConcurrentPlacements} others being worked on, and none finishing within {@code maxWait}, gets
 * {@code 503}. Either way nothing was stored: refused before any command was sent.
 *
 * <p>The bulkhead bounds the placements being stored, not the orders in flight behind them: past what the
 * processors can carry, every placement it lets in adds to a backlog whose orders all finish late, and the
 * backlog outlives the burst. So a placement is also refused with {@code 503} while an event processor of this
 * process is more than {@code maxProcessorLag} behind the events it handles ({@link ProcessorLag}); the orders
 * already taken on then finish within about that bound, and placements are let in again as soon as the processors
 * have caught up.
 *
 * <p>The bulkhead is resilience4j's, registered in Spring's registry under {@value #BULKHEAD}, which publishes its
 * metrics. The per-user limiters are resilience4j's too, but kept here rather than in that registry: a meter per
 * user would grow the metrics with every user who ever ordered; refusals show in {@code http.server.requests}
 * by status instead.
 */
public class PlacementAdmission {

    /** The bulkhead's name in resilience4j's registry and its metrics. */
    public static final String BULKHEAD = "orderPlacement";
    public static final URI OVERLOADED = URI.create("urn:fulfillment:problem:overloaded");
    public static final URI RATE_LIMITED = URI.create("urn:fulfillment:problem:rate-limited");

    /** Users tracked before idle ones are forgotten, at least. */
    static final int SWEEP_AT_LEAST = 10_000;

    private final Bulkhead inFlight;
    private final ProcessorLag processorLag;
    private final Duration maxProcessorLag;
    private final RateLimiterConfig perUser;
    private final Duration retryAfter;
    private final int sweepAtLeast;
    private final Map<String, RateLimiter> users = new ConcurrentHashMap<>();
    private volatile int sweepAt;

    /**
     * @param maxProcessorLag how far behind its events a processor may be while placements are let in; zero lets
     *                        them in however far behind the processors are
     */
    public PlacementAdmission(Bulkhead inFlight, ProcessorLag processorLag, Duration maxProcessorLag,
                              RateLimiterConfig perUser, Duration retryAfter) {
        this(inFlight, processorLag, maxProcessorLag, perUser, retryAfter, SWEEP_AT_LEAST);
    }

    PlacementAdmission(Bulkhead inFlight, ProcessorLag processorLag, Duration maxProcessorLag,
                       RateLimiterConfig perUser, Duration retryAfter, int sweepAtLeast) {
        this.inFlight = inFlight;
        this.processorLag = processorLag;
        this.maxProcessorLag = maxProcessorLag;
        this.perUser = perUser;
        this.retryAfter = retryAfter;
        this.sweepAtLeast = sweepAtLeast;
        this.sweepAt = sweepAtLeast;
    }

    /** While a placement holds this, it counts against the bulkhead; closing it lets the next one in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Admits one placement by {@code user}, or throws the refusal (429, then 503 for a processor behind, then 503
     * for the bulkhead) that Spring MVC answers with its problem body and {@code Retry-After}.
     *
     * @param instance the request's path, for the problem body
     */
    public Permit admit(String user, String instance) {
        RateLimiter limiter = limiterOf(user);
        if (!limiter.acquirePermission()) {
            throw ApiProblems.tryLater(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, "Too many requests",
                                       "more than " + perUser.getLimitForPeriod() + " orders in "
                                       + perUser.getLimitRefreshPeriod().toMillis() + " ms by " + user
                                       + "; nothing was stored",
                                       untilNextPermit(limiter), instance);
        }
        Optional<ProcessorLag.Behind> behind = maxProcessorLag.isZero() ? Optional.empty()
                : processorLag.furthestBehind().filter(furthest -> furthest.lag().compareTo(maxProcessorLag) > 0);
        if (behind.isPresent()) {
            throw overloaded("the orders taken on are being processed " + behind.get().lag().toMillis() + " ms behind ("
                             + behind.get().processor() + ")", instance);
        }
        if (!inFlight.tryAcquirePermission()) {
            throw overloaded("too many orders are being placed right now", instance);
        }
        return inFlight::onComplete;
    }

    private ErrorResponseException overloaded(String why, String instance) {
        return ApiProblems.tryLater(HttpStatus.SERVICE_UNAVAILABLE, OVERLOADED, "Service unavailable",
                                    why + "; nothing was stored, try again later", retryAfter, instance);
    }

    private RateLimiter limiterOf(String user) {
        RateLimiter limiter = users.get(user);
        if (limiter != null) {
            return limiter;
        }
        if (users.size() >= sweepAt) {
            forgetIdleUsers();
        }
        return users.computeIfAbsent(user, name -> RateLimiter.of(name, perUser));
    }

    /**
     * A limiter back at all its permits is as good as a new one, so forgetting it changes no answer and memory is
     * kept to the users of the last period. (A placement that took its limiter just before it was forgotten uses
     * up a permit of the old one: the user may get one more placement in that period, never fewer.)
     */
    private synchronized void forgetIdleUsers() {
        if (users.size() < sweepAt) {
            return;
        }
        users.values().removeIf(limiter -> limiter.getMetrics().getAvailablePermissions() >= perUser.getLimitForPeriod());
        sweepAt = Math.max(sweepAtLeast, 2 * users.size());
    }

    /** Users whose limiter is kept. */
    int trackedUsers() {
        return users.size();
    }

    private Duration untilNextPermit(RateLimiter limiter) {
        return limiter instanceof AtomicRateLimiter atomic
               ? Duration.ofNanos(atomic.getDetailedMetrics().getNanosToWait())
               : perUser.getLimitRefreshPeriod();
    }
}
