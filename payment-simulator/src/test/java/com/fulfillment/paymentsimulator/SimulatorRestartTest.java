package com.fulfillment.paymentsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The simulator app configured with a ledger database, stopped and started again on it, driven over HTTP. */
class SimulatorRestartTest {

    private static final String CHARGE = "{\"orderId\":\"order-1\",\"amount\":\"59.90\",\"currency\":\"EUR\"}";
    private static final String REFUND = "{\"amount\":\"59.90\",\"currency\":\"EUR\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aChargeMadeBeforeTheSimulatorRestartsIsRefundedAfterItAndItsKeyIsStillKnown() throws Exception {
        String ledger = "jdbc:h2:file:" + dataDir.resolve("payment-simulator") + ";WRITE_DELAY=0";
        try (ConfigurableApplicationContext first = start(ledger)) {
            assertThat(post(first, "/simulator/charges", CHARGE).statusCode()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext restarted = start(ledger)) {
            HttpResponse<String> refund = post(restarted, "/simulator/charges/payment-order-1/refunds", REFUND);
            HttpResponse<String> repeatedCharge = post(restarted, "/simulator/charges", CHARGE);

            assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
            assertThat(repeatedCharge.statusCode()).isEqualTo(200);
            assertThat(repeatedCharge.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        }
    }

    private static ConfigurableApplicationContext start(String ledgerUrl) {
        return new SpringApplicationBuilder(PaymentSimulatorApplication.class)
                .profiles(PaymentSimulatorApplication.PROFILE)
                .run("--server.port=0", "--payment-simulator.ledger-url=" + ledgerUrl);
    }

    private HttpResponse<String> post(ConfigurableApplicationContext app, String path, String json) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                         .header("Content-Type", "application/json")
                                         .header("Idempotency-Key", "payment-order-1")
                                         .POST(HttpRequest.BodyPublishers.ofString(json))
                                         .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
