package com.fulfillment.query.web;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.OrderStatusChange;
import com.fulfillment.query.api.OrderView;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/** Follows one order through a subscription query and forwards each change of its statuses as a server-sent event. */
@Component
public class OrderStatusStream {

    static final String EVENT_NAME = "order-status";

    private final QueryGateway queries;
    private final Duration timeout;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    public OrderStatusStream(QueryGateway queries,
                             @Value("${fulfillment.query.order-events-timeout:PT30M}") Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    /** Streams {@code orderId}'s changes while {@code visible} holds; the stream ends where it stops holding. */
    public SseEmitter follow(OrderId orderId, Predicate<OrderView> visible) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicInteger eventsSeen = new AtomicInteger(-1);
        // The initial result as an instance, not an Optional: across Axon Server the connector sends a
        // subscription query's response type as it is (unlike a point query's, which it reduces to the instance
        // type first), so an Optional answer would cross as a JSON "java.util.Optional" and be read back as an
        // Optional of a map. An order not in the read model yet is an empty initial result either way.
        SubscriptionQueryResult<OrderView, OrderView> result = queries.subscriptionQuery(
                new FindOrderQuery(orderId), ResponseTypes.instanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class));
        Disposable subscription =
                result.initialResult()
                      .concatWith(result.updates())
                      .takeWhile(visible)
                      .filter(view -> isNewerThanAnySeen(view, eventsSeen))
                      .map(OrderStatusChange::of)
                      .distinctUntilChanged(Function.identity(), (previous, next) -> !next.differsInStatusFrom(previous))
                      // Updates arrive on the projection's thread; a slow client must not hold up the projection.
                      .publishOn(Schedulers.boundedElastic())
                      .subscribe(change -> send(emitter, change), emitter::completeWithError, emitter::complete);
        open.add(emitter);
        Runnable unsubscribe = () -> {
            open.remove(emitter);
            subscription.dispose();
            result.close();
        };
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(error -> unsubscribe.run());
        return emitter;
    }

    /**
     * Ends every open stream as soon as the application starts to stop. A stream is a request still in
     * progress, so the web server's graceful shutdown would otherwise wait for each one, a client long gone
     * included, until its own timeout; a client reconnects and starts again from the current statuses.
     */
    @EventListener(ContextClosedEvent.class)
    void endOpenStreams() {
        open.forEach(SseEmitter::complete);
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
