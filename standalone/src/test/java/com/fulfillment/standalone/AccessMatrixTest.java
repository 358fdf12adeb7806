package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.scenarios.Credentials;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may do what, endpoint by endpoint: every endpoint of the standalone app is called anonymously, by the
 * customer who owns the order or customer it is about ({@code alice}), by another customer ({@code bob}) and by
 * the operator, and answers with the status in {@link #ENDPOINTS}. A refusal is a problem body (401 with
 * {@code WWW-Authenticate}, 403 naming the permission), and a refused request that would change something
 * changed nothing: no event stored, the simulator's faults as they were. Beside the matrix: the user's name in
 * the metadata of what their request caused, a plain password left plain by a login, the response headers, and
 * cross-origin calls.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "fulfillment.seed-catalogue=false")
@DirtiesContext // its data are its own
class AccessMatrixTest {

    private static final int UNAUTHORIZED = 401;

    /** The owner of {@code {order}} is alice: the owner and other-customer columns are alice's and bob's answers. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            // The catalogue: customers read it, the operator changes it.
            secured("GET", "/api/products", null, 200, 200, 200),
            secured("GET", "/api/products/{sku}", null, 200, 200, 200),
            secured("POST", "/api/products", """
                    {"productId": "{newSku}", "name": "Kettle", "unitPrice": {"amount": 20.00, "currency": "EUR"},
                     "initialStock": 5}""", 403, 403, 201),
            secured("POST", "/api/products/{sku}/restock", "{\"quantity\": 1}", 403, 403, 202),
            secured("PUT", "/api/products/{sku}/price", "{\"amount\": 10.00, \"currency\": \"EUR\"}", 403, 403, 202),
            // Orders: a customer's own, for themselves; the operator any, on a customer's behalf.
            secured("POST", "/api/orders", "{\"customerId\": \"alice\", \"lines\": [{\"productId\": \"{sku}\", "
                                           + "\"quantity\": 1}]}", 202, 403, 202),
            secured("POST", "/api/orders", "{\"lines\": [{\"productId\": \"{sku}\", \"quantity\": 1}]}", 202, 202, 400),
            secured("POST", "/api/orders/{fresh}/cancel", "{\"reason\": \"changed my mind\"}", 202, 404, 202),
            secured("GET", "/api/orders/{order}", null, 200, 404, 200),
            secured("GET", "/api/orders/{order}/overview", null, 200, 404, 200),
            secured("GET", "/api/orders/{order}/events", null, 200, 404, 200),
            secured("GET", "/api/orders?customerId=alice", null, 200, 403, 200),
            secured("GET", "/api/orders", null, 200, 200, 200),
            secured("GET", "/api/customers/alice", null, 200, 404, 200),
            // Operators only: payments, administration, the event browser, the simulator's faults, metrics.
            secured("GET", "/api/payments/{order}", null, 403, 403, 200),
            secured("GET", "/api/admin/dead-letters", null, 403, 403, 200),
            secured("POST", "/api/admin/dead-letters/order-fulfillment-saga/orders/{order}/retry", null, 403, 403, 404),
            secured("DELETE", "/api/admin/dead-letters/order-fulfillment-saga/letters/none", null, 403, 403, 404),
            secured("GET", "/api/admin/compensations", null, 403, 403, 200),
            secured("GET", "/api/admin/compensations/none", null, 403, 403, 404),
            secured("POST", "/api/admin/compensations/none/retry", null, 403, 403, 404),
            secured("POST", "/api/admin/compensations/none/settle", "{\"resolution\": \"refunded by hand\"}",
                    403, 403, 404),
            secured("GET", "/api/admin/projections", null, 403, 403, 200),
            secured("GET", "/api/admin/projections/order-view", null, 403, 403, 200),
            secured("GET", "/api/admin/projections/order-view/dead-letters", null, 403, 403, 200),
            secured("POST", "/api/admin/projections/order-view/dead-letters/retry", null, 403, 403, 200),
            secured("POST", "/api/admin/projections/order-view/dead-letters/sequences/none/retry", null,
                    403, 403, 404),
            secured("DELETE", "/api/admin/projections/order-view/dead-letters/letters/none", null, 403, 403, 404),
            secured("GET", "/api/admin/events", null, 403, 403, 200),
            secured("GET", "/api/admin/events?aggregateId={order}", null, 403, 403, 200),
            secured("GET", "/events.html", null, 403, 403, 200),
            secured("GET", "/simulator/admin", null, 403, 403, 200),
            secured("POST", "/simulator/admin", "{\"latencyMillis\": 1}", 403, 403, 200),
            secured("POST", "/simulator/admin/reset", null, 403, 403, 200),
            secured("GET", "/simulator/ledger", null, 403, 403, 200),
            secured("GET", "/actuator/info", null, 403, 403, 200),
            secured("GET", "/actuator/metrics", null, 403, 403, 200),
            secured("GET", "/actuator/metrics/jvm.threads.live", null, 403, 403, 200),
            // Open: the probes, the API's documentation, the provider API the payment service calls.
            open("GET", "/actuator/health", 200),
            open("GET", "/actuator/health/liveness", 200),
            open("GET", "/actuator/health/readiness", 200),
            open("GET", "/v3/api-docs", 200),
            open("GET", "/swagger-ui/index.html", 200),
            open("GET", "/simulator/charges/none", 404),
            // Last: a rebuild empties the order view for a moment.
            secured("POST", "/api/admin/projections/order-view/rebuild", null, 403, 403, 202));

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    /** alice's order, and the product it is for, shared by every case. */
    private static String sku;
    private static String order;
    /**
     * What was stored when the event store was last seen quiet, until this test sends the app anything that
     * might change it: the state before a refused request is then the state after the refused request before it.
     */
    private static State lastQuiet;

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;
    @Autowired
    UserDetailsService users;
    @Autowired
    SecurityFilterChain apiSecurity;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void aCustomersConfirmedOrder() {
        if (order != null) {
            return;
        }
        sku = newSku();
        assertThat(send(TestUsers.OPERATOR, "POST", "/api/products", addProduct(sku)).status()).isEqualTo(201);
        order = placeOrder();
        new EventStoreProbe(eventStore).awaitOrderStatus(order, OrderStatus.CONFIRMED);
        awaitStatus(TestUsers.ALICE, "/api/orders/" + order, 200);
        awaitStatus(TestUsers.OPERATOR, "/api/payments/" + order, 200);
    }

    static Stream<Arguments> cases() {
        return ENDPOINTS.stream().flatMap(endpoint -> Stream.of(Caller.values())
                                                            .map(caller -> Arguments.of(endpoint, caller)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void answersEachCallerAsItMay(Endpoint endpoint, Caller caller) throws IOException {
        int expected = endpoint.expectedFor(caller);
        String path = resolve(endpoint.path());
        String body = endpoint.body() == null ? null : resolve(endpoint.body());
        boolean refused = expected >= 400;
        boolean changes = !endpoint.method().equals("GET");
        State before = refused && changes ? quietState() : null;

        Answer answer = send(caller.credentials, endpoint.method(), path, body);

        assertThat(answer.status()).as("%s %s as %s: %s", endpoint.method(), path, caller, answer.body())
                                   .isEqualTo(expected);
        if (refused && !path.startsWith("/simulator/charges")) {
            assertThat(answer.contentType()).as("a refusal's body").startsWith("application/problem+json");
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            if (expected == UNAUTHORIZED) {
                assertThat(answer.challenge()).as("WWW-Authenticate").contains("Basic realm=\"fulfillment\"");
            }
            if (expected == 403) {
                assertThat(problem.path("requiredPermissions").toString()).contains("ROLE_OPERATOR");
            }
        }
        if (before != null) {
            assertThat(quietState()).as("what is stored after a refused %s %s", endpoint.method(), path)
                                    .isEqualTo(before);
        }
    }

    @Test
    void theUserIsInTheMetadataOfEveryEventTheirRequestCauses() {
        String correlationId = "matrix-" + UUID.randomUUID();
        String placed = placeOrder(TestUsers.ALICE, correlationId, "");
        new EventStoreProbe(eventStore).awaitOrderStatus(placed, OrderStatus.CONFIRMED);
        EventStoreQuiet.await(eventStore, Duration.ofMillis(500), Duration.ofSeconds(60));

        List<EventMessage<?>> caused = causedBy(correlationId);
        // placed, stock reserved (line and order), payment requested and completed, confirmed, sold at least
        assertThat(caused).hasSizeGreaterThanOrEqualTo(6)
                          .allSatisfy(event -> assertThat(event.getMetaData()).containsEntry("userId", "alice"));
    }

    @Test
    void anOperatorPlacesAnOrderOnACustomersBehalfUnderTheirOwnName() {
        String correlationId = "matrix-" + UUID.randomUUID();
        String placed = placeOrder(TestUsers.OPERATOR, correlationId, "\"customerId\": \"carol\", ");

        EventMessage<?> event = new EventStoreProbe(eventStore).streamOf(placed).get(0);
        assertThat(event.getPayload()).isInstanceOfSatisfying(OrderPlacedEvent.class, order ->
                assertThat(order.customerId().value()).isEqualTo("carol"));
        assertThat(event.getMetaData()).containsEntry("userId", "operator")
                                       .containsEntry("correlationId", correlationId);
    }

    @Test
    void aWrongPasswordIsRefusedAsNoPasswordIs() throws IOException {
        Answer refused = send(new Credentials("alice", "not-her-password"), "GET", "/api/orders", null);

        assertThat(refused.status()).isEqualTo(UNAUTHORIZED);
        assertThat(refused.challenge()).isEqualTo("Basic realm=\"fulfillment\"");
        assertThat(json.readTree(refused.body()).path("detail").asText()).contains("user name or password");
    }

    @Test
    void aLoginLeavesAPlainPasswordAsItWasSoThatNoLaterRequestPaysForAHash() {
        assertThat(send(TestUsers.BOB, "GET", "/api/products", null).status()).isEqualTo(200);
        assertThat(send(TestUsers.BOB, "GET", "/api/products", null).status()).isEqualTo(200);

        assertThat(users.loadUserByUsername(TestUsers.BOB.user()).getPassword()).startsWith("{noop}");
    }

    @Test
    void answersCarrySecurityHeadersAndNoSession() {
        HttpResponse<String> answer = raw(HttpRequest.newBuilder(uri("/api/products"))
                                                     .header("Authorization", TestUsers.ALICE.authorization()));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(answer.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /**
     * Set before the handler runs, by the request's thread: written when the response is committed instead, they
     * were written by the thread that sent an order event stream's first event, against Tomcat's headers being
     * changed by the request's thread, and the stream failed now and again under load.
     */
    @Test
    void theSecurityHeadersAreSetBeforeTheHandlerRuns() throws Exception {
        HeaderWriterFilter headers = apiSecurity.getFilters().stream()
                                                .filter(HeaderWriterFilter.class::isInstance)
                                                .map(HeaderWriterFilter.class::cast)
                                                .findFirst().orElseThrow();
        List<String> seenByTheHandler = new ArrayList<>();

        headers.doFilter(new MockHttpServletRequest("GET", "/api/orders/" + order + "/events"),
                         new MockHttpServletResponse(),
                         (request, response) -> seenByTheHandler.add(
                                 ((HttpServletResponse) response).getHeader("X-Frame-Options")));

        assertThat(seenByTheHandler).containsExactly("DENY");
    }

    /** Requests are observed as a whole; Spring Security's own steps (filters, authentication, authorization) not. */
    @Test
    void aRequestIsObservedButNotEachOfTheSecurityStepsItPasses() {
        assertThat(send(TestUsers.ALICE, "GET", "/api/products", null).status()).isEqualTo(200);

        assertThat(meters.find("http.server.requests").tag("uri", "/api/products").timers()).isNotEmpty();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                                      .noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void aBrowserOnAnotherOriginIsNotAllowedToCallTheApi() {
        HttpResponse<String> preflight = raw(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private List<EventMessage<?>> causedBy(String correlationId) {
        return new EventStoreProbe(eventStore).all().stream()
                .filter(event -> correlationId.equals(event.getMetaData().get("correlationId")))
                .<EventMessage<?>>map(event -> event)
                .toList();
    }

    /** The placeholders of a path or body: the shared product and order, a new product id, an order of alice's. */
    private String resolve(String template) {
        String resolved = template.replace("{sku}", sku).replace("{order}", order);
        if (resolved.contains("{newSku}")) {
            resolved = resolved.replace("{newSku}", newSku());
        }
        if (resolved.contains("{fresh}")) {
            resolved = resolved.replace("{fresh}", placeOrder());
        }
        return resolved;
    }

    private String placeOrder() {
        return placeOrder(TestUsers.ALICE, "matrix-" + UUID.randomUUID(), "");
    }

    /** Places an order of one {@code sku} as {@code user}, with {@code customer} (a JSON field and comma) or none. */
    private String placeOrder(Credentials user, String correlationId, String customer) {
        HttpResponse<String> placed = raw(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Authorization", user.authorization())
                .header("Content-Type", "application/json")
                .header("X-Correlation-ID", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{" + customer + "\"lines\": [{\"productId\": \"" + sku + "\", \"quantity\": 1}]}")));
        assertThat(placed.statusCode()).as("placing an order as %s: %s", user.user(), placed.body()).isEqualTo(202);
        try {
            return json.readTree(placed.body()).path("orderId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newSku() {
        return "kettle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String addProduct(String productId) {
        return """
                {"productId": "%s", "name": "Kettle", "unitPrice": {"amount": 20.00, "currency": "EUR"},
                 "initialStock": 1000}""".formatted(productId);
    }

    /** What a refused request must leave as it was, once everything earlier requests caused has happened. */
    private State quietState() {
        if (lastQuiet != null && currentState().equals(lastQuiet)) {
            // Nothing was sent since the store was last seen quiet for the whole wait, and its head has not moved
            // since: it has been quiet for longer than another wait would make sure of.
            return lastQuiet;
        }
        EventStoreQuiet.await(eventStore, Duration.ofMillis(500), Duration.ofSeconds(60));
        lastQuiet = currentState();
        return lastQuiet;
    }

    private State currentState() {
        TrackingToken head = eventStore.createHeadToken();
        return new State(head == null ? null : head.position().orElse(-1),
                         exchange(TestUsers.OPERATOR, "GET", "/simulator/admin", null).body());
    }

    private void awaitStatus(Credentials user, String path, int status) {
        org.awaitility.Awaitility.await(path).atMost(Duration.ofSeconds(60))
                                 .until(() -> send(user, "GET", path, null).status() == status);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) {
        lastQuiet = null;
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request and reads the answer; a stream of server-sent events is left after its headers, since it
     * does not end by itself.
     */
    private Answer send(Credentials user, String method, String path, String body) {
        lastQuiet = null;
        return exchange(user, method, path, body);
    }

    /** {@link #send} for a request that changes nothing, so that the last quiet state still holds after it. */
    private Answer exchange(Credentials user, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                             : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String text;
            try (InputStream stream = response.body()) {
                text = contentType.startsWith("text/event-stream") ? ""
                       : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), contentType,
                              response.headers().firstValue("WWW-Authenticate"), text);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint secured(String method, String path, String body, int owner, int other, int operator) {
        return new Endpoint(method, path, body, UNAUTHORIZED, owner, other, operator);
    }

    private static Endpoint open(String method, String path, int status) {
        return new Endpoint(method, path, null, status, status, status, status);
    }

    enum Caller {
        ANONYMOUS(null), OWNER(TestUsers.ALICE), OTHER_CUSTOMER(TestUsers.BOB), OPERATOR(TestUsers.OPERATOR);

        private final Credentials credentials;

        Caller(Credentials credentials) {
            this.credentials = credentials;
        }
    }

    /** One row of the matrix: a request and the status each caller gets. */
    record Endpoint(String method, String path, String body, int anonymous, int owner, int otherCustomer,
                    int operator) {

        int expectedFor(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> anonymous;
                case OWNER -> owner;
                case OTHER_CUSTOMER -> otherCustomer;
                case OPERATOR -> operator;
            };
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body.replaceAll("\\s+", " "));
        }
    }

    private record Answer(int status, String contentType, Optional<String> authenticate, String body) {

        String challenge() {
            return authenticate.orElse("");
        }
    }

    private record State(Long eventStoreHead, String simulatorFaults) {
    }
}
