package com.fulfillment.platform.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * How far behind the events each event processor of this process is: for the event a processor last began to
 * handle, the time from the event's timestamp to then. That is the wait every event meets in front of that
 * processor while it works off a backlog, so it says whether the process keeps up with what it has taken on.
 *
 * <p>Only a processor that began an event within {@code fresh} counts: one that has nothing to do is not behind,
 * and the last event of a backlog it worked off says nothing once it is idle again. (So a processor stuck inside one
 * handler does not count either; that is what its health and dead letters are for.) A replay counts for nothing:
 * a rebuilt view handles old events on purpose.
 *
 * <p>A handler interceptor on every event processor, not a message monitor: Axon keeps one monitor per component,
 * which the processors' meters ({@link ProcessorMetrics}) or Axon's own take. It costs a clock read and two field
 * writes per event.
 */
public class ProcessorLag implements ConfigurerModule {

    /** How long after the last event it began a processor's lag still counts. */
    public static final Duration FRESH = Duration.ofSeconds(1);

    private final Clock clock;
    private final long freshMillis;
    private final Map<String, Latest> processors = new ConcurrentHashMap<>();

    public ProcessorLag(Clock clock, Duration fresh) {
        this.clock = clock;
        this.freshMillis = fresh.toMillis();
    }

    /** The processor furthest behind now, if any is. */
    public record Behind(String processor, Duration lag) {
    }

    /** The processor furthest behind now, or empty when every one is at the newest events or idle. */
    public Optional<Behind> furthestBehind() {
        long now = clock.millis();
        String processor = null;
        long worst = 0;
        for (Map.Entry<String, Latest> entry : processors.entrySet()) {
            Latest latest = entry.getValue();
            long lag = latest.lagMillis;
            if (now - latest.beganAt <= freshMillis && lag > worst) {
                worst = lag;
                processor = entry.getKey();
            }
        }
        return processor == null ? Optional.empty() : Optional.of(new Behind(processor, Duration.ofMillis(worst)));
    }

    /** Milliseconds the processor furthest behind is behind, 0 when none is (the meter of this figure). */
    public long furthestBehindMillis() {
        return furthestBehind().map(behind -> behind.lag().toMillis()).orElse(0L);
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerDefaultHandlerInterceptor((configuration, processor) -> timing(processor));
    }

    /** Records that {@code processor} began {@code event}, as its interceptor does for every event it handles. */
    public void began(String processor, EventMessage<?> event) {
        latestOf(processor).began(event);
    }

    /** The interceptor that times {@code processor}'s events; one per processor, holding its record. */
    private MessageHandlerInterceptor<EventMessage<?>> timing(String processor) {
        Latest latest = latestOf(processor);
        return (unitOfWork, chain) -> {
            latest.began(unitOfWork.getMessage());
            return chain.proceed();
        };
    }

    private Latest latestOf(String processor) {
        return processors.computeIfAbsent(processor, name -> new Latest());
    }

    /** One processor's last event: when it began, and how old the event was then. */
    private final class Latest {
        volatile long beganAt = Long.MIN_VALUE / 2;
        volatile long lagMillis;

        void began(EventMessage<?> event) {
            if (!ReplayToken.isReplay(event)) {
                long now = clock.millis();
                lagMillis = Math.max(0, now - event.getTimestamp().toEpochMilli());
                beganAt = now;
            }
        }
    }
}
