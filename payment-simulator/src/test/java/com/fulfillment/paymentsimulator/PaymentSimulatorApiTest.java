package com.fulfillment.paymentsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The simulator as its own process would run it, driven over HTTP as the payment context's client does. */
@SpringBootTest(classes = PaymentSimulatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(PaymentSimulatorApplication.PROFILE)
class PaymentSimulatorApiTest {

    private static final Map<String, Object> CHARGE = Map.of("orderId", "order-1", "amount", "59.90", "currency", "EUR");

    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;

    @AfterEach
    void resetFaults() {
        http.postForEntity("/simulator/admin/reset", null, String.class);
    }

    @Test
    void chargeIsCreatedThenReplayedUnderItsIdempotencyKeyAndLookedUp() {
        ResponseEntity<String> created = charge("payment-api-1", CHARGE);
        ResponseEntity<String> replayed = charge("payment-api-1", CHARGE);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replayed.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String chargeId = JsonPath.read(created.getBody(), "$.chargeId");
        assertThat((String) JsonPath.read(replayed.getBody(), "$.chargeId")).isEqualTo(chargeId);
        ResponseEntity<String> found = http.getForEntity("/simulator/charges/payment-api-1", String.class);
        assertThat((String) JsonPath.read(found.getBody(), "$.status")).isEqualTo("CAPTURED");
        assertThat(http.getForEntity("/simulator/charges/payment-unknown", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** The JDK's client sends the path as given: the encoded backslash reaches the server as it is. */
    @Test
    void aPathTheWebServerRefusesIsAnsweredWithAProblemBody() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/simulator/charges/%5C")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        assertThat((Integer) JsonPath.read(refused.body(), "$.status")).isEqualTo(400);
        assertThat((String) JsonPath.read(refused.body(), "$.instance")).isEqualTo("/simulator/charges/%5C");
    }

    @Test
    void chargeWithoutAnIdempotencyKeyIsABadRequest() {
        assertThat(charge(null, CHARGE).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void declineRuleSetAtRunTimeAnswers402() {
        admin(Map.of("declineAbove", 50));

        ResponseEntity<String> declined = charge("payment-api-2", CHARGE);

        assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat((String) JsonPath.read(declined.getBody(), "$.declineReason")).contains("exceeds the card limit");
    }

    @Test
    void hardDownAnswers503AndTakesNoMoney() {
        admin(Map.of("down", true));

        ResponseEntity<String> refused = charge("payment-api-3", CHARGE);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat((String) JsonPath.read(refused.getBody(), "$.error")).isEqualTo("the provider is down");
        assertThat(http.getForEntity("/simulator/charges/payment-api-3", String.class).getStatusCode())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void injectedErrorsAnswerTheConfiguredStatus() {
        admin(Map.of("errorRate", 1.0, "errorStatus", 502));

        assertThat(charge("payment-api-4", CHARGE).getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    @Test
    void capturedChargeIsRefundedOnce() {
        charge("payment-api-5", CHARGE);

        ResponseEntity<String> refunded = refund("payment-api-5");
        ResponseEntity<String> again = refund("payment-api-5");

        assertThat(refunded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(again.getBody(), "$.refundId"))
                .isEqualTo(JsonPath.read(refunded.getBody(), "$.refundId"));
        assertThat(refund("payment-api-none").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void adminShowsTheFaultsInTheShapeItTakesAndRefusesInvalidOnes() {
        ResponseEntity<String> changed = admin(Map.of("latencyMillis", 5, "timeoutRate", 0.25));
        ResponseEntity<String> invalid = admin(Map.of("errorRate", 2));

        assertThat((Integer) JsonPath.read(changed.getBody(), "$.latencyMillis")).isEqualTo(5);
        assertThat((Double) JsonPath.read(changed.getBody(), "$.timeoutRate")).isEqualTo(0.25);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((Double) JsonPath.read(http.getForEntity("/simulator/admin", String.class).getBody(), "$.errorRate"))
                .isEqualTo(0.0);
    }

    @Test
    void ledgerListsChargesAndCountsRequestsPerKey() {
        charge("payment-api-6", CHARGE);
        charge("payment-api-6", CHARGE);

        String ledger = http.getForEntity("/simulator/ledger", String.class).getBody();

        assertThat((List<String>) JsonPath.read(ledger, "$.charges[?(@.idempotencyKey == 'payment-api-6')].chargeId"))
                .hasSize(1);
        assertThat((Integer) JsonPath.read(ledger, "$.chargeRequestsByKey.payment-api-6")).isEqualTo(2);
    }

    private ResponseEntity<String> charge(String idempotencyKey, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/simulator/charges", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> refund(String chargeKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/simulator/charges/" + chargeKey + "/refunds", HttpMethod.POST,
                             new HttpEntity<>(Map.of("amount", "59.90", "currency", "EUR"), headers), String.class);
    }

    private ResponseEntity<String> admin(Map<String, Object> changes) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/simulator/admin", HttpMethod.POST, new HttpEntity<>(changes, headers), String.class);
    }
}
