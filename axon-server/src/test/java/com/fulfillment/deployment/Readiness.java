package com.fulfillment.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Waiting for a service of the distributed shape to be ready: connected to Axon Server, its database answering. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Readiness() {
    }

    /** Until {@code baseUrl}'s readiness probe answers 200, for at most two minutes. */
    static void await(String baseUrl) {
        URI readiness = URI.create(baseUrl + "/actuator/health/readiness");
        Awaitility.await(baseUrl + " ready").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> HTTP.send(HttpRequest.newBuilder(readiness).GET().build(),
                                       HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
