package com.fulfillment.query.web;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.OrderStatusChange;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.order.OrderViewFollowers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Follows one order, its current view first and then each change the order view's projection makes, and forwards
 * each change of its statuses as a server-sent event.
 *
 * <p>With {@code fulfillment.query.order-events-in-process} (the standalone runtime), a stream hears the projection
 * of its own process ({@link OrderViewFollowers}): Axon's emitter tests every update against every subscription
 * query, and a subscription query per stream made each update cost as much as the orders being followed.
 * Otherwise (the default) each stream is a subscription query, which hears the projection in whichever instance of
 * the read side runs the order's segment.
 *
 * <p>Every open stream gets a comment line ({@code :keep-alive}) every
 * {@code fulfillment.query.order-events-heartbeat}. The web server learns that a client has gone only when it writes
 * to the connection, and an order that has reached its final status may not change again for a long time: without
 * these writes, each stream a client left would stay open, with what it follows the order by, until the stream's
 * time-out. The write after a client has gone fails, and the stream ends with it: the second write after the
 * client closed, the first one still reaching its socket. So a stream outlives its client by one to two intervals
 * (with 5 s, a single client's orders kept about 250 open, with 1 s about 40).
 *
 * <p>The gauge {@value #STREAMS} counts the streams open.
 */
@Component
public class OrderStatusStream implements MeterBinder {

    public static final String STREAMS = "fulfillment.query.order-event-streams";

    static final String EVENT_NAME = "order-status";
    static final String KEEP_ALIVE = "keep-alive";
    private static final Logger log = LoggerFactory.getLogger(OrderStatusStream.class);

    private final QueryGateway queries;
    private final OrderViewFollowers followers;
    private final boolean inProcess;
    private final Duration timeout;
    /** Each open stream, with what ends it. */
    private final Map<SseEmitter, Runnable> open = new ConcurrentHashMap<>();
    private final Disposable heartbeat;

    public OrderStatusStream(QueryGateway queries, OrderViewFollowers followers,
                             @Value("${fulfillment.query.order-events-in-process:false}") boolean inProcess,
                             @Value("${fulfillment.query.order-events-timeout:PT30M}") Duration timeout,
                             @Value("${fulfillment.query.order-events-heartbeat:PT1S}") Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException(
                    "fulfillment.query.order-events-heartbeat must be positive, was " + heartbeat);
        }
        this.queries = queries;
        this.followers = followers;
        this.inProcess = inProcess;
        this.timeout = timeout;
        this.heartbeat = Schedulers.parallel().schedulePeriodically(
                this::keepAlive, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Streams {@code orderId}'s changes while {@code visible} holds; the stream ends where it stops holding. */
    public SseEmitter follow(OrderId orderId, Predicate<OrderView> visible) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicInteger eventsSeen = new AtomicInteger(-1);
        Following following = inProcess ? followInProcess(orderId) : followBySubscriptionQuery(orderId);
        Disposable subscription =
                following.views()
                         .takeWhile(visible)
                         .filter(view -> isNewerThanAnySeen(view, eventsSeen))
                         .map(OrderStatusChange::of)
                         .distinctUntilChanged(Function.identity(),
                                               (previous, next) -> !next.differsInStatusFrom(previous))
                         // Updates arrive on the projection's thread; a slow client must not hold up the projection.
                         .publishOn(Schedulers.boundedElastic())
                         .subscribe(change -> send(emitter, change), emitter::completeWithError, emitter::complete);
        // Once only, by whoever takes the stream out of the open ones: the stream's completion, time-out and error
        // callbacks and a failed keep-alive may each call it, and closing a subscription query twice fails.
        Runnable unsubscribe = () -> {
            if (open.remove(emitter) != null) {
                subscription.dispose();
                following.end().run();
            }
        };
        open.put(emitter, unsubscribe);
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(error -> unsubscribe.run());
        return emitter;
    }

    /** An order's current view, if the read model has it, then its changes; and what stops following it. */
    private record Following(Flux<OrderView> views, Runnable end) {}

    /**
     * From the projection in this process ({@link OrderViewFollowers}). The order is followed before its current
     * view is asked for, so that a change made in between is not missed; the changes wait in the sink until the
     * current view has gone out. A change arrives on the projection's thread, and an order's segment may move to
     * another thread: one change at a time into the sink.
     */
    private Following followInProcess(OrderId orderId) {
        Sinks.Many<OrderView> changes = Sinks.many().unicast().onBackpressureBuffer();
        Runnable stopFollowing = followers.follow(orderId, view -> {
            synchronized (changes) {
                changes.tryEmitNext(view);
            }
        });
        Mono<OrderView> current = Mono.fromFuture(() -> queries.query(
                new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class)))
                .flatMap(Mono::justOrEmpty);
        return new Following(current.concatWith(changes.asFlux()), stopFollowing);
    }

    /**
     * Through a subscription query, which hears the order view's projection wherever it runs. The initial result
     * as an instance, not an Optional: across Axon Server the connector sends a subscription query's response type
     * as it is (unlike a point query's, which it reduces to the instance type first), so an Optional answer would
     * cross as a JSON "java.util.Optional" and be read back as an Optional of a map. An order not in the read model
     * yet is an empty initial result either way.
     */
    private Following followBySubscriptionQuery(OrderId orderId) {
        SubscriptionQueryResult<OrderView, OrderView> result = queries.subscriptionQuery(
                new FindOrderQuery(orderId), ResponseTypes.instanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class));
        return new Following(result.initialResult().concatWith(result.updates()), result::close);
    }

    /**
     * Ends every open stream as soon as the application starts to stop. A stream is a request still in
     * progress, so the web server's graceful shutdown would otherwise wait for each one, a client long gone
     * included, until its own timeout; a client reconnects and starts again from the current statuses.
     */
    @EventListener(ContextClosedEvent.class)
    void endOpenStreams() {
        heartbeat.dispose();
        open.keySet().forEach(SseEmitter::complete);
    }

    /** The streams open now; a stream whose client has gone is among them until a write to it fails. */
    int openStreams() {
        return open.size();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(STREAMS, open, Map::size).description("Order event streams open").register(registry);
    }

    private void keepAlive() {
        open.forEach((emitter, unsubscribe) -> {
            try {
                keepAlive(emitter, unsubscribe);
            } catch (RuntimeException unexpected) {
                // one stream's failure must not end the keep-alives of the others (nor the periodic task)
                log.warn("Ending an order event stream whose keep-alive failed", unexpected);
                unsubscribe.run();
            }
        });
    }

    private static void keepAlive(SseEmitter emitter, Runnable unsubscribe) {
        try {
            emitter.send(SseEmitter.event().comment(KEEP_ALIVE));
        } catch (IOException clientGone) {
            // The stream's following ends here, whether or not the web server still calls the stream's callbacks on a
            // broken connection.
            unsubscribe.run();
            emitter.completeWithError(clientGone);
        } catch (IllegalStateException completed) {
            unsubscribe.run();
        }
    }

    /**
     * Updates buffered while the initial answer was read may be older than that answer. The timeline
     * grows by one entry per applied event, so its length orders the versions of an order.
     */
    private static boolean isNewerThanAnySeen(OrderView view, AtomicInteger eventsSeen) {
        int events = view.timeline().size();
        return eventsSeen.getAndAccumulate(events, Math::max) < events;
    }

    private static void send(SseEmitter emitter, OrderStatusChange change) {
        try {
            emitter.send(SseEmitter.event().name(EVENT_NAME).data(change, MediaType.APPLICATION_JSON));
        } catch (IOException clientGone) {
            emitter.completeWithError(clientGone);
        }
    }
}
