package com.fulfillment.distributed;

import com.fulfillment.platform.web.ApiProblems;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * A request that needed Axon Server while the service was not connected to it (Axon Server restarting, the
 * network down) is answered 503 with {@code Retry-After}, not 500: nothing was stored, and the same request
 * succeeds once the connection is back. Matched anywhere in the cause chain, ahead of the general problem
 * mapping, so that a failure wrapped by a future or a gateway is recognised too.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AxonServerUnavailableProblems {

    private static final Logger log = LoggerFactory.getLogger(AxonServerUnavailableProblems.class);

    @ExceptionHandler({CommandDispatchException.class, AxonServerQueryDispatchException.class,
            AxonServerException.class, io.axoniq.axonserver.connector.AxonServerException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception ex, WebRequest request) {
        log.warn("Axon Server not reachable answering {}: {}", request.getDescription(false), ex.getMessage());
        return ApiProblems.unavailable(
                "the service cannot reach Axon Server right now; nothing was changed, try again shortly", request);
    }
}
