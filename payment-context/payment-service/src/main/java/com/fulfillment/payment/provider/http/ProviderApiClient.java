package com.fulfillment.payment.provider.http;

import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The provider's API over HTTP: one plain HTTP call per method, with no retries or other resilience of its own
 * (that is {@link HttpPaymentProvider}'s). It turns the provider's definite answers into results (2xx
 * captured, 402 declined, any other 4xx refused) and everything that is no answer into a
 * {@link ProviderUnavailableException}. Every charge carries the payment id as its {@code Idempotency-Key},
 * so asking again after a lost answer never charges twice.
 *
 * <p>The API: {@code POST /charges} (header {@code Idempotency-Key}, body orderId, amount, currency),
 * {@code POST /charges/{key}/refunds} (body amount, currency), {@code GET /charges/{key}}.
 */
public class ProviderApiClient implements ProviderApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_ERROR_LENGTH = 300;

    private final RestClient http;
    private final Supplier<String> baseUrl;

    /**
     * @param baseUrl read on every call, so a provider on this app's own port (known only once the web
     *                server runs) can be named before then
     */
    public ProviderApiClient(RestClient http, Supplier<String> baseUrl) {
        this.http = Objects.requireNonNull(http, "rest client must not be null");
        this.baseUrl = Objects.requireNonNull(baseUrl, "base url must not be null");
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        URI uri = uri("/charges");
        ChargeBody body = new ChargeBody(request.orderId().value(), request.amount().amount(),
                                         request.amount().currency());
        try {
            return http.post().uri(uri)
                       .header(IDEMPOTENCY_KEY, request.paymentId().value())
                       .contentType(MediaType.APPLICATION_JSON)
                       .accept(MediaType.APPLICATION_JSON)
                       .body(body)
                       .exchange((req, response) -> {
                           HttpStatusCode status = response.getStatusCode();
                           if (status.is2xxSuccessful()) {
                               ProviderCharge charge = read(response.bodyTo(ProviderCharge.class), status);
                               if (!charge.isCaptured()) {
                                   throw new ProviderUnavailableException("provider answered " + status.value()
                                                                          + " with a charge that is " + charge.status());
                               }
                               return new ChargeResult.Approved(charge.chargeId());
                           }
                           if (status.value() == HttpStatus.PAYMENT_REQUIRED.value()) {
                               ProviderCharge charge = response.bodyTo(ProviderCharge.class);
                               String reason = charge == null || charge.declineReason() == null
                                               ? "declined by the provider" : charge.declineReason();
                               return new ChargeResult.Declined(reason);
                           }
                           if (isDefinite(status)) {
                               return new ChargeResult.Failed(
                                       ProviderApi.refusal("charge", status.value(), errorOf(response)));
                           }
                           throw unavailable(status, response);
                       });
        } catch (RestClientException noAnswer) {
            throw noAnswer(uri, noAnswer);
        }
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        URI uri = uri("/charges/{key}/refunds", request.paymentId().value());
        RefundBody body = new RefundBody(request.amount().amount(), request.amount().currency());
        try {
            return http.post().uri(uri)
                       .header(IDEMPOTENCY_KEY, request.paymentId().value())
                       .contentType(MediaType.APPLICATION_JSON)
                       .accept(MediaType.APPLICATION_JSON)
                       .body(body)
                       .exchange((req, response) -> {
                           HttpStatusCode status = response.getStatusCode();
                           if (status.is2xxSuccessful()) {
                               return new RefundResult.Refunded(
                                       read(response.bodyTo(ProviderRefund.class), status).refundId());
                           }
                           if (isDefinite(status)) {
                               return new RefundResult.Failed(
                                       ProviderApi.refusal("refund", status.value(), errorOf(response)));
                           }
                           throw unavailable(status, response);
                       });
        } catch (RestClientException noAnswer) {
            throw noAnswer(uri, noAnswer);
        }
    }

    @Override
    public Optional<ProviderCharge> findCharge(PaymentId paymentId) {
        URI uri = uri("/charges/{key}", paymentId.value());
        try {
            return http.get().uri(uri)
                       .accept(MediaType.APPLICATION_JSON)
                       .exchange((req, response) -> {
                           HttpStatusCode status = response.getStatusCode();
                           if (status.is2xxSuccessful()) {
                               return Optional.of(read(response.bodyTo(ProviderCharge.class), status));
                           }
                           if (status.value() == HttpStatus.NOT_FOUND.value()) {
                               return Optional.<ProviderCharge>empty();
                           }
                           throw unavailable(status, response);
                       });
        } catch (RestClientException noAnswer) {
            throw noAnswer(uri, noAnswer);
        }
    }

    @Override
    public String location() {
        return baseUrl.get();
    }

    /** 4xx is the provider's considered answer; 408 and 429 only say "not now". */
    private static boolean isDefinite(HttpStatusCode status) {
        return status.is4xxClientError()
               && status.value() != HttpStatus.REQUEST_TIMEOUT.value()
               && status.value() != HttpStatus.TOO_MANY_REQUESTS.value();
    }

    private URI uri(String path, Object... variables) {
        return UriComponentsBuilder.fromUriString(baseUrl.get()).path(path).buildAndExpand(variables).encode().toUri();
    }

    private static <T> T read(T body, HttpStatusCode status) {
        if (body == null) {
            throw new ProviderUnavailableException("provider answered " + status.value() + " without a body");
        }
        return body;
    }

    private static ProviderUnavailableException unavailable(HttpStatusCode status, ClientHttpResponse response) {
        return new ProviderUnavailableException(ProviderApi.unavailability(status.value(), errorOf(response)));
    }

    private static ProviderUnavailableException noAnswer(URI uri, RestClientException failure) {
        Throwable cause = failure.getMostSpecificCause();
        String what = cause instanceof IOException ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                                                   : failure.getMessage();
        return new ProviderUnavailableException("no answer from the provider at " + uri + " (" + what + ")", failure);
    }

    /** The provider's own words, whatever the body is (a proxy in between may answer with a page). */
    private static String errorOf(ClientHttpResponse response) {
        try {
            String body = new String(response.getBody().readNBytes(MAX_ERROR_LENGTH), StandardCharsets.UTF_8).strip();
            return body.isEmpty() ? "no reason given" : body;
        } catch (IOException unreadable) {
            return "unreadable body (" + unreadable.getMessage() + ")";
        }
    }

    /** The body of a charge request. */
    public record ChargeBody(String orderId, BigDecimal amount, String currency) {}

    /** The body of a refund request. */
    public record RefundBody(BigDecimal amount, String currency) {}
}
