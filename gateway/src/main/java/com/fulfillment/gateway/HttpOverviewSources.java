package com.fulfillment.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fulfillment.overview.OverviewSources;
import com.fulfillment.overview.PartRefusedException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * An overview's parts from the services' own read endpoints: the order view and the products' catalogue entries
 * from the query service, the payment's attempts from the payment service. The gateway passes each on as the
 * service wrote it, so the overview reads as the standalone app's does. Each call carries the credentials of the
 * client who asked for the overview ({@link #as}): the services check them as they would the client's own call, so
 * a customer's overview holds only orders and customers that customer may read. The payment's attempts are an
 * operator's to read; for a customer's overview they are asked with the credentials the gateway is given for that.
 */
final class HttpOverviewSources implements OverviewSources<JsonNode, JsonNode, JsonNode> {

    private final WebClient queryService;
    private final WebClient paymentService;
    private final String authorization;
    private final String paymentAuthorization;

    HttpOverviewSources(WebClient.Builder http, GatewaySettings settings) {
        this(http.clone().baseUrl(settings.url(Service.QUERY).toString()).build(),
             http.clone().baseUrl(settings.url(Service.PAYMENT).toString()).build(), null, null);
    }

    private HttpOverviewSources(WebClient queryService, WebClient paymentService, String authorization,
                                String paymentAuthorization) {
        this.queryService = queryService;
        this.paymentService = paymentService;
        this.authorization = authorization;
        this.paymentAuthorization = paymentAuthorization;
    }

    /**
     * These sources, calling the query service with {@code authorization} (the client's {@code Authorization}
     * header; none when null) and the payment service with {@code paymentAuthorization}.
     */
    HttpOverviewSources as(String authorization, String paymentAuthorization) {
        return new HttpOverviewSources(queryService, paymentService, authorization, paymentAuthorization);
    }

    @Override
    public CompletionStage<Optional<JsonNode>> order(String orderId) {
        return get(queryService, authorization, "/api/orders/{orderId}", orderId);
    }

    @Override
    public CompletionStage<Optional<JsonNode>> payment(String orderId) {
        return get(paymentService, paymentAuthorization, "/api/payments/{orderId}", orderId);
    }

    @Override
    public List<String> productIds(JsonNode order) {
        return StreamSupport.stream(order.path("lines").spliterator(), false)
                            .map(line -> line.path("productId").asText())
                            .filter(productId -> !productId.isEmpty())
                            .distinct()
                            .toList();
    }

    @Override
    public CompletionStage<Optional<JsonNode>> product(String productId) {
        return get(queryService, authorization, "/api/products/{productId}", productId);
    }

    /**
     * A 404 is "no such thing"; a 401 or 403 refuses the part to these credentials ({@link PartRefusedException});
     * any other error status, like no answer, fails the part.
     */
    private static CompletionStage<Optional<JsonNode>> get(WebClient service, String credentials, String path,
                                                           String id) {
        return service.get().uri(path, id).accept(MediaType.APPLICATION_JSON)
                      .headers(headers -> {
                          if (credentials != null) {
                              headers.set(HttpHeaders.AUTHORIZATION, credentials);
                          }
                      })
                      .retrieve()
                      .bodyToMono(JsonNode.class)
                      .map(Optional::of)
                      .onErrorResume(WebClientResponseException.class, failed -> {
                          if (failed.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                              return Mono.just(Optional.empty());
                          }
                          if (failed.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)
                              || failed.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
                              return Mono.error(new PartRefusedException(
                                      "refused to the caller's credentials: " + failed.getMessage()));
                          }
                          return Mono.error(failed);
                      })
                      .defaultIfEmpty(Optional.empty())
                      .toFuture();
    }
}
