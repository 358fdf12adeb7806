package com.fulfillment.crash;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.scenarios.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A client of the app that is killed now and then: each request goes to wherever the app answers now, as
 * {@code user}.
 */
final class CrashClient {

    private final Supplier<URI> baseUrl;
    private final Credentials user;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    CrashClient(Supplier<URI> baseUrl, Credentials user) {
        this.baseUrl = baseUrl;
        this.user = user;
    }

    /** The answer, or null when the app did not answer (killed, restarting): whether it acted is unknown then. */
    HttpResponse<String> post(String path, Object body, Map<String, String> headers) throws InterruptedException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.get().resolve(path))
                                                     .timeout(Duration.ofSeconds(15))
                                                     .header("Content-Type", "application/json")
                                                     .header("Authorization", user.authorization())
                                                     .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | NullPointerException notAnswered) {
            return null;
        }
    }

    JsonNode get(String path) throws InterruptedException {
        JsonNode found = find(path);
        if (found == null) {
            throw new IllegalStateException("GET " + path + " answered 404");
        }
        return found;
    }

    /** The resource, or null when the app answers 404. */
    JsonNode find(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl.get().resolve(path))
                                                                 .timeout(Duration.ofSeconds(30))
                                                                 .header("Accept", "application/json")
                                                                 .header("Authorization", user.authorization())
                                                                 .GET().build(),
                                                      HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                                                + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }
}
