package com.fulfillment.query.web;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.query.order.OrderViewFollowers;
import com.fulfillment.querytest.ReadSideUsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client that stops reading an order's event stream, and closes its connection, must not leave its stream behind,
 * nor what it follows the order by: a subscription query, which the projections test every update against, or in
 * the standalone runtime a follower of the order in this process (and no subscription query). An order at its final
 * status sends nothing more, so only the stream's keep-alive writes can tell that the client has gone.
 */
class OrderStatusStreamClientGoneTest {

    private static final OrderId ORDER = OrderId.of("followed-then-left");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private ConfigurableApplicationContext app;

    private void startApp(boolean inProcess) {
        app = StreamingReadSide.start(mongo, "--fulfillment.query.order-events-heartbeat=PT0.2S",
                                      "--fulfillment.query.order-events-in-process=" + inProcess);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        mongo.close();
    }

    @Test
    void theSubscriptionQueryOfAStreamWhoseClientHasGoneEndsAtTheNextKeepAlives() throws Exception {
        startApp(false);
        QueryUpdateEmitter updates = app.getBean(QueryUpdateEmitter.class);
        followThenLeave(() -> assertThat(updates.activeSubscriptions()).hasSize(1),
                        () -> assertThat(updates.activeSubscriptions()).as("subscription queries left").isEmpty());
    }

    @Test
    void theFollowerOfAStreamWhoseClientHasGoneEndsAtTheNextKeepAlives() throws Exception {
        startApp(true);
        QueryUpdateEmitter updates = app.getBean(QueryUpdateEmitter.class);
        OrderViewFollowers followers = app.getBean(OrderViewFollowers.class);
        followThenLeave(() -> {
            assertThat(followers.following()).isEqualTo(1);
            assertThat(updates.activeSubscriptions()).as("subscription queries").isEmpty();
        }, () -> assertThat(followers.following()).as("followers of the order left").isZero());
    }

    /** Reads the final status and a keep-alive, checks {@code whileThere}, leaves, awaits {@code gone}. */
    private void followThenLeave(Runnable whileThere, Runnable gone) throws Exception {
        FulfillmentEvents events = new FulfillmentEvents(new EventStream(Instant.now()));
        List<EventMessage<?>> history = new ArrayList<>(events.catalogue());
        history.addAll(events.confirmedOrder(ORDER, ALICE));
        app.getBean(EventStore.class).publish(history);
        OrderStatusStream streams = app.getBean(OrderStatusStream.class);
        int port = StreamingReadSide.port(app);

        try (Socket client = new Socket("localhost", port)) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(("GET /api/orders/" + ORDER + "/events HTTP/1.1\r\nHost: localhost\r\n"
                       + "Accept: text/event-stream\r\nAuthorization: " + ReadSideUsers.OPERATOR + "\r\n\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            // chunked: the lines of a chunk come between the lines of their sizes
            List<String> received = new ArrayList<>();
            while (!(received.stream().anyMatch(line -> line.contains("\"status\":\"CONFIRMED\""))
                     && received.contains(":" + OrderStatusStream.KEEP_ALIVE))) {
                String line = readLine(in, received);
                assertThat(line).as("the stream ended after %s", received).isNotNull();
                // keep-alives come every 0.2 s, four lines each: 2,000 lines are well over a minute
                assertThat(received).as("no final status and keep-alive among the lines").hasSizeLessThan(2_000);
                received.add(line);
            }
            // While the client is there, its stream is followed, keep-alives and all.
            Thread.sleep(600);
            assertThat(streams.openStreams()).isEqualTo(1);
            whileThere.run();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(streams.openStreams()).isZero();
            gone.run();
        });
    }

    /** The next line, or a failure naming what came before it if none comes within the socket's time-out. */
    private static String readLine(BufferedReader in, List<String> before) throws IOException {
        try {
            return in.readLine();
        } catch (SocketTimeoutException silence) {
            throw new AssertionError("nothing more within 10 s after " + before, silence);
        }
    }
}
