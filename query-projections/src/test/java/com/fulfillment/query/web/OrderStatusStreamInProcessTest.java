package com.fulfillment.query.web;

import static com.fulfillment.query.FulfillmentEvents.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.query.order.OrderViewFollowers;
import com.fulfillment.querytest.ReadSideUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code fulfillment.query.order-events-in-process}, a stream hears the projection of its own process: every
 * status the order passes through, in order, without a subscription query (ReadSideApplicationTest streams the
 * same order through subscription queries, the default).
 */
class OrderStatusStreamInProcessTest {

    private static final OrderId ORDER = OrderId.of("followed-in-process");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        mongo.close();
    }

    @Test
    void aStreamHearsEveryStatusOfItsOrderInOrder() throws Exception {
        app = StreamingReadSide.start(mongo, "--fulfillment.query.order-events-in-process=true");
        int port = StreamingReadSide.port(app);
        FulfillmentEvents events = new FulfillmentEvents(new EventStream(Instant.now()));
        app.getBean(EventStore.class).publish(events.catalogue());

        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + ORDER + "/events"))
                           .header("Accept", "text/event-stream")
                           .header("Authorization", ReadSideUsers.OPERATOR).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(app.getBean(OrderViewFollowers.class).following()).isEqualTo(1);
        assertThat(app.getBean(QueryUpdateEmitter.class).activeSubscriptions()).as("subscription queries").isEmpty();

        app.getBean(EventStore.class).publish(events.confirmedOrder(ORDER, BOB));

        Iterator<String> lines = stream.body().iterator();
        List<String> statuses = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            while (!seen.contains("CONFIRMED/COMPLETED/SOLD/COMPLETED") && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    seen.add(StreamingReadSide.statuses(line.substring("data:".length())));
                }
            }
            return seen;
        }).get(10, TimeUnit.SECONDS);
        stream.body().close();

        assertThat(statuses).containsExactlyElementsOf(StreamingReadSide.CONFIRMED_ORDER_STATUSES);
    }
}
