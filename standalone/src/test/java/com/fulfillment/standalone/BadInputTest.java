package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every kind of bad input to the command API gets a 4xx with an RFC 9457 problem body naming the field and
 * the reason, never a stack trace, and nothing reaches the event store.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "fulfillment.seed-catalogue=true")
class BadInputTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    TestRestTemplate http;

    /** Everything here runs as the operator, who may use every endpoint and orders on customers' behalf. */
    @Autowired
    void authenticate(TestRestTemplate anonymous) {
        http = TestUsers.as(TestUsers.OPERATOR, anonymous);
    }

    @Autowired
    EventStore eventStore;

    private int eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = new EventStoreProbe(eventStore).all().size();
    }

    @Test
    void malformedJsonIsRefused() {
        assertRefused(send("{\"customerId\": \"c-1\", \"lines\": [", MediaType.APPLICATION_JSON),
                      HttpStatus.BAD_REQUEST, "not valid JSON");
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        assertRefused(send(Map.of("customerId", "c-1", "lines", List.of(line("kettle", 1)), "discount", 50)),
                      HttpStatus.BAD_REQUEST, "discount: unknown field");
    }

    @Test
    void aNegativeQuantityIsRefusedNamingTheLine() {
        ResponseEntity<String> response = send(Map.of("customerId", "c-1", "lines", List.of(line("kettle", -1))));

        assertRefused(response, HttpStatus.BAD_REQUEST, "lines[0].quantity");
        assertThat((List<String>) JsonPath.read(response.getBody(), "$.errors[*].field")).containsExactly("lines[0].quantity");
    }

    @Test
    void aQuantityOverTheLimitIsRefused() {
        assertRefused(send(Map.of("customerId", "c-1", "lines", List.of(line("kettle", 1001)))),
                      HttpStatus.BAD_REQUEST, "lines[0].quantity: must be less than or equal to 1000");
    }

    @Test
    void aQuantityBeyondAnyIntegerIsRefused() {
        assertRefused(send("{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"kettle\",\"quantity\":99999999999999}]}",
                           MediaType.APPLICATION_JSON),
                      HttpStatus.BAD_REQUEST, "lines[0].quantity");
    }

    @Test
    void tooManyLinesAreRefused() {
        List<Map<String, Object>> lines = IntStream.range(0, 51).mapToObj(i -> line("sku-" + i, 1)).toList();

        assertRefused(send(Map.of("customerId", "c-1", "lines", lines)), HttpStatus.BAD_REQUEST, "lines: size must be between 1 and 50");
    }

    @Test
    void anOrderWithoutLinesIsRefused() {
        assertRefused(send(Map.of("customerId", "c-1", "lines", List.of())), HttpStatus.BAD_REQUEST, "lines");
    }

    @Test
    void aMissingCustomerIsRefused() {
        assertRefused(send(Map.of("lines", List.of(line("kettle", 1)))), HttpStatus.BAD_REQUEST, "customerId");
    }

    @Test
    void twoLinesForTheSameProductAreRefused() {
        assertRefused(send(Map.of("customerId", "c-1", "lines", List.of(line("kettle", 1), line("kettle", 2)))),
                      HttpStatus.BAD_REQUEST, "kettle");
    }

    @Test
    void anUnknownProductIsRefusedNamingTheLine() {
        assertRefused(send(Map.of("customerId", "c-1", "lines", List.of(line("kettle", 1), line("unicorn", 1)))),
                      HttpStatus.BAD_REQUEST, "lines[1].productId: unknown product unicorn");
    }

    @Test
    void anOversizedBodyIsRefused() {
        String name = "x".repeat(70_000);
        assertRefused(send(Map.of("customerId", name, "lines", List.of(line("kettle", 1)))),
                      HttpStatus.PAYLOAD_TOO_LARGE, "exceeds");
    }

    @Test
    void aWrongMediaTypeIsRefused() {
        assertRefused(send("customerId=c-1", MediaType.TEXT_PLAIN), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "");
    }

    @Test
    void anInvalidProductPriceIsRefusedByField() {
        ResponseEntity<String> response = http.exchange("/api/products", HttpMethod.POST, new HttpEntity<>(
                Map.of("productId", "p-1", "name", "Cup", "unitPrice", Map.of("amount", "-1", "currency", "euro"),
                       "initialStock", 1), json()), String.class);

        assertRefused(response, HttpStatus.BAD_REQUEST, "unitPrice.amount");
        assertThat(response.getBody()).contains("unitPrice.currency");
    }

    private void assertRefused(ResponseEntity<String> response, HttpStatus status, String detailContains) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) JsonPath.read(response.getBody(), "$.detail")).contains(detailContains);
        assertThat((Integer) JsonPath.read(response.getBody(), "$.status")).isEqualTo(status.value());
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at com.");
        assertThat(new EventStoreProbe(eventStore).all()).as("events stored").hasSize(eventsBefore);
    }

    private ResponseEntity<String> send(Object body) {
        return http.exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(body, json()), String.class);
    }

    private ResponseEntity<String> send(String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return http.exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static Map<String, Object> line(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }
}
