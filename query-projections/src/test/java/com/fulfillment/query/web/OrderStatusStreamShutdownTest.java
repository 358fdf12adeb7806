package com.fulfillment.query.web;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.querytest.ReadSideTestApplication;
import com.fulfillment.querytest.ReadSideUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** An order's event stream is a request that stays open; it must not hold up the application's graceful shutdown. */
class OrderStatusStreamShutdownTest {

    /** The web server's patience with requests still running; a shutdown that waits for the stream takes this long. */
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final OrderId ORDER = OrderId.of("followed-while-stopping");

    private final InMemoryMongo mongo = InMemoryMongo.start();

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    @Test
    void openStreamsAreEndedWhenTheApplicationStopsSoThatItsGracefulShutdownDoesNotWaitForThem() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ReadSideTestApplication.class).run(
                "--server.port=0", "--server.shutdown=graceful",
                "--spring.lifecycle.timeout-per-shutdown-phase=" + GRACE.toSeconds() + "s",
                "--spring.data.mongodb.uri=" + mongo.uri(),
                "--axon.axonserver.enabled=false", "--axon.serializer.general=jackson");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        app.getBean(EventStore.class).publish(new FulfillmentEvents(new EventStream(Instant.now())).placed(ORDER, ALICE));
        // Once the read model has the order, the response starts with the stream's first event, the order's current
        // statuses (before it, a keep-alive could come first, and the client would be gone before the statuses).
        QueryGateway queries = app.getBean(QueryGateway.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.query(
                new FindOrderQuery(ORDER), ResponseTypes.optionalInstanceOf(OrderView.class)).join().isPresent());
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + ORDER + "/events"))
                           .header("Accept", "text/event-stream")
                           .header("Authorization", ReadSideUsers.OPERATOR)
                           .build(),
                HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> stream.body().toList());

        long stopping = System.nanoTime();
        app.close();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(GRACE.dividedBy(2));
        assertThat(received.get(5, TimeUnit.SECONDS)).as("what the client got before the stream ended").contains("event:order-status");
    }
}
