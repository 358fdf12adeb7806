package com.fulfillment.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.querytest.ReadSideTestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The read side on a real web server, for tests that read order event streams as a client does. */
final class StreamingReadSide {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a stream reports ({@link #statuses}) for {@code FulfillmentEvents.confirmedOrder}, in order. */
    static final List<String> CONFIRMED_ORDER_STATUSES = List.of(
            "PENDING/PENDING/PENDING/null",
            "PENDING/PENDING/RESERVED/null",
            "PENDING/PENDING/RESERVED/REQUESTED",
            "PENDING/PENDING/RESERVED/COMPLETED",
            "CONFIRMED/COMPLETED/RESERVED/COMPLETED",
            "CONFIRMED/COMPLETED/SOLD/COMPLETED");

    private StreamingReadSide() {
    }

    /** Starts the read side on a free port over {@code mongo}, with the given {@code --name=value} settings. */
    static ConfigurableApplicationContext start(InMemoryMongo mongo, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.data.mongodb.uri=" + mongo.uri(),
                "--axon.axonserver.enabled=false", "--axon.serializer.general=jackson"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(ReadSideTestApplication.class).run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** An {@code order-status} event's data as order status / fulfillment / reservation / payment. */
    static String statuses(String data) {
        try {
            JsonNode change = JSON.readTree(data);
            return String.join("/", change.get("status").asText(), change.get("fulfillmentStatus").asText(),
                               change.get("reservationStatus").asText(), change.get("paymentStatus").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
