package com.fulfillment.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a client is told when a route's service gave no answer: its breaker is open, it cannot be reached, or
 * it did not start answering in time. Every route's circuit breaker forwards its failures here.
 */
@RestController
class UnavailableServices {

    static final String PATH = "/gateway/unavailable/";

    private static final String REQUESTED = UnavailableServices.class.getName() + ".requested";

    private static final Logger log = LoggerFactory.getLogger(UnavailableServices.class);

    private final String retryAfterSeconds;

    UnavailableServices(GatewaySettings settings) {
        this.retryAfterSeconds = String.valueOf(Math.max(1, settings.circuitBreaker().waitInOpenState().toSeconds()));
    }

    /**
     * Keeps the URL the client asked for: the breaker forwards a failed request here under this controller's
     * path, and no attribute of the gateway's keeps the original unless a filter rewrote the path.
     */
    static GatewayFilter rememberRequestedUri() {
        return (exchange, chain) -> {
            exchange.getAttributes().putIfAbsent(REQUESTED, exchange.getRequest().getURI());
            return chain.filter(exchange);
        };
    }

    @RequestMapping(PATH + "{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        URI requested = requestedUri(exchange);
        if (isTimeout(failure)) {
            log.warn("{} {}: {} did not answer in time", exchange.getRequest().getMethod(), requested, service);
            // No Retry-After: the service may have done what was asked; a client repeats a command only
            // if it is safe to (an order placed again under the same Idempotency-Key is placed once).
            return status(HttpStatus.GATEWAY_TIMEOUT)
                    .body(problem(HttpStatus.GATEWAY_TIMEOUT, service + " did not answer in time", requested));
        }
        String detail = failure instanceof CallNotPermittedException
                ? service + " failed repeatedly and is given time to recover; try again later"
                : service + " cannot be reached; try again later";
        log.warn("{} {}: {} ({})", exchange.getRequest().getMethod(), requested, detail,
                 failure == null ? "no cause" : failure.toString());
        return status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, detail, requested));
    }

    private static ResponseEntity.BodyBuilder status(HttpStatus status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, URI requested) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(requested.getRawPath()));
        return problem;
    }

    private static URI requestedUri(ServerWebExchange exchange) {
        URI requested = exchange.getAttribute(REQUESTED);
        return requested == null ? exchange.getRequest().getURI() : requested;
    }

    /** The route's time limit passed (the gateway reports it as a 504 status exception) or a timer of its own. */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || cause instanceof ResponseStatusException status
                       && status.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
