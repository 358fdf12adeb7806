package com.fulfillment.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The REST API as a client sees it, and nothing else: JSON over HTTP to the endpoints of whichever runtime
 * shape is under test. Reads are eventually consistent, so a read waits until the view shows what is asked.
 * The catalogue is changed as the operator; orders are placed, read and cancelled as the customer.
 */
final class FulfillmentApi {

    static final String CURRENCY = "EUR";

    private final FulfillmentEndpoints endpoints;
    private final Duration patience;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    FulfillmentApi(FulfillmentEndpoints endpoints, Duration patience) {
        this.endpoints = endpoints;
        this.patience = patience;
    }

    /** Adds a product of its own to the catalogue, so that scenarios never share stock; returns its id. */
    String addProduct(BigDecimal unitPrice, int initialStock) {
        String productId = "scenario-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = tryToAddProduct(productId, unitPrice, initialStock);
        assertThat(added.statusCode()).as("adding product %s: %s", productId, added.body()).isEqualTo(201);
        return productId;
    }

    HttpResponse<String> tryToAddProduct(String productId, BigDecimal unitPrice, int initialStock) {
        return post(endpoints.catalogue(), endpoints.operator(), "/api/products", Map.of(
                "productId", productId,
                "name", "Scenario product " + productId,
                "unitPrice", Map.of("amount", unitPrice, "currency", CURRENCY),
                "initialStock", initialStock), Map.of());
    }

    /**
     * Places an order for {@code quantity} of one product as a careful client does: under an idempotency key,
     * sent again while the service is unreachable or answers 503 (a distributed deployment reconnecting), so
     * that the order is placed exactly once. Returns the order id the API answered with.
     */
    String placeOrder(String productId, int quantity) {
        return read(placeOrderAnswer(productId, quantity).body()).path("orderId").asText();
    }

    /** {@link #placeOrder}, answering with the whole response: its status, {@code Location} and body. */
    HttpResponse<String> placeOrderAnswer(String productId, int quantity) {
        String idempotencyKey = "scenario-" + UUID.randomUUID();
        long giveUpAt = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> placed = null;
            try {
                placed = tryToPlaceOrder(productId, quantity, idempotencyKey);
            } catch (IllegalStateException unreachable) {
                if (System.nanoTime() > giveUpAt) {
                    throw unreachable;
                }
            }
            if (placed != null && (placed.statusCode() != 503 || System.nanoTime() > giveUpAt)) {
                assertThat(placed.statusCode()).as("placing an order: %s", placed.body()).isEqualTo(202);
                return placed;
            }
            pause(Duration.ofMillis(500));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Places an order and waits (at most 10 s) for its outcome, sending {@code headers} along. */
    HttpResponse<String> placeOrderAndWait(String productId, int quantity, Map<String, String> headers) {
        return post(endpoints.orders(), endpoints.customer(), "/api/orders?waitSeconds=10", Map.of(
                "customerId", endpoints.customer().user(),
                "lines", List.of(Map.of("productId", productId, "quantity", quantity))), headers);
    }

    /** Sends a placement, with an {@code Idempotency-Key} header unless {@code idempotencyKey} is null. */
    HttpResponse<String> tryToPlaceOrder(String productId, int quantity, String idempotencyKey) {
        return post(endpoints.orders(), endpoints.customer(), "/api/orders", Map.of(
                "customerId", endpoints.customer().user(),
                "lines", List.of(Map.of("productId", productId, "quantity", quantity))),
                    idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    void cancelOrder(String orderId, String reason) {
        HttpResponse<String> cancelled = tryToCancelOrder(orderId, reason);
        assertThat(cancelled.statusCode()).as("cancelling %s: %s", orderId, cancelled.body()).isEqualTo(202);
    }

    HttpResponse<String> tryToCancelOrder(String orderId, String reason) {
        return post(endpoints.orders(), endpoints.customer(), "/api/orders/" + orderId + "/cancel",
                    Map.of("reason", reason), Map.of());
    }

    /** The order's view once it satisfies {@code expected}; fails with the last view seen when it never does. */
    JsonNode awaitOrder(String orderId, String description, Predicate<JsonNode> expected) {
        return awaitView("/api/orders/" + orderId, "order " + orderId + " " + description, expected);
    }

    /** {@code GET /api/orders/{id}/overview}, as it answers. */
    HttpResponse<String> orderOverview(String orderId) {
        return send(HttpRequest.newBuilder(endpoints.queries().resolve("/api/orders/" + orderId + "/overview"))
                               .header("Accept", "application/json")
                               .header("Authorization", endpoints.customer().authorization())
                               .GET().build());
    }

    JsonNode awaitProduct(String productId, String description, Predicate<JsonNode> expected) {
        return awaitView("/api/products/" + productId, "product " + productId + " " + description, expected);
    }

    private JsonNode awaitView(String path, String description, Predicate<JsonNode> expected) {
        return awaitView(endpoints.queries().resolve(path), description, expected);
    }

    /** The view at {@code uri}, as a client that follows a link reads it, once it satisfies {@code expected}. */
    JsonNode awaitView(URI uri, String description, Predicate<JsonNode> expected) {
        JsonNode[] last = new JsonNode[1];
        try {
            await(description)
                    .atMost(patience)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        last[0] = getView(uri);
                        return last[0] != null && expected.test(last[0]);
                    });
        } catch (ConditionTimeoutException timedOut) {
            throw new AssertionError("Expected " + description + " within " + patience + "; last seen: " + last[0],
                                     timedOut);
        }
        return last[0];
    }

    /**
     * The view at {@code path}, or null while the read model does not have it yet, or while the query side
     * is briefly unavailable (503, as while a distributed deployment reconnects, or not answering at all while
     * it restarts): a client waits.
     */
    private JsonNode getView(URI uri) {
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(uri)
                                       .header("Accept", "application/json")
                                       .header("Authorization", endpoints.customer().authorization())
                                       .GET().build());
        } catch (IllegalStateException unreachable) {
            return null;
        }
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return null;
        }
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return read(response.body());
    }

    /**
     * The first server-sent event of an order's status stream ({@code GET /api/orders/{id}/events}): its
     * statuses when the stream was opened. The stream stays open; it is left once that event has arrived.
     */
    JsonNode firstStatusEvent(String orderId) {
        URI stream = endpoints.queries().resolve("/api/orders/" + orderId + "/events");
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                                         .header("Authorization", endpoints.customer().authorization())
                                         .GET().build();
        CompletableFuture<String> firstData = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    try (Stream<String> lines = response.body()) {
                        assertThat(response.statusCode()).as("GET %s", stream).isEqualTo(200);
                        return lines.filter(line -> line.startsWith("data:")).findFirst()
                                    .orElseThrow(() -> new AssertionError(stream + " ended without an event"));
                    }
                });
        try {
            return read(firstData.get(patience.toMillis(), TimeUnit.MILLISECONDS).substring("data:".length()));
        } catch (ExecutionException failed) {
            throw new AssertionError("reading " + stream, failed.getCause());
        } catch (TimeoutException silent) {
            firstData.cancel(true);
            throw new AssertionError("no event from " + stream + " within " + patience, silent);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Sends a request to a path as it is given, percent-encodings included: this client neither decodes nor
     * normalises it, so the server sees exactly these bytes.
     */
    HttpResponse<String> tryRawPath(String method, String service, String encodedPath, Object body) {
        URI base = switch (service) {
            case "orders" -> endpoints.orders();
            case "catalogue" -> endpoints.catalogue();
            default -> endpoints.queries();
        };
        Credentials caller = service.equals("catalogue") ? endpoints.operator() : endpoints.customer();
        return request(method, base, caller, encodedPath, body, Map.of());
    }

    private HttpResponse<String> post(URI base, Credentials caller, String path, Object body,
                                      Map<String, String> headers) {
        return request("POST", base, caller, path, body, headers);
    }

    private HttpResponse<String> request(String method, URI base, Credentials caller, String path, Object body,
                                         Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", caller.authorization())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                 : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            headers.forEach(request::header);
            return send(request.build());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
