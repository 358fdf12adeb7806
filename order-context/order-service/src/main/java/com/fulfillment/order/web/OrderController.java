package com.fulfillment.order.web;

import com.fulfillment.access.AccessProblems;
import com.fulfillment.inventory.api.FindUnknownProductsQuery;
import com.fulfillment.inventory.api.UnknownProducts;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.CancelOrderCommand;
import com.fulfillment.order.api.FindOrderStatusQuery;
import com.fulfillment.order.api.OrderStatusView;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.PlaceOrderCommand;
import com.fulfillment.platform.CommandFailure;
import com.fulfillment.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The order commands of the REST API: place an order, cancel it. What an order looks like is a query. */
@RestController
@RequestMapping("/api/orders")
@Validated
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_WAIT_SECONDS = 10;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrderIds orderIds;
    private final PlacementAdmission admission;

    OrderController(CommandGateway commands, QueryGateway queries, OrderIds orderIds, PlacementAdmission admission) {
        this.commands = commands;
        this.queries = queries;
        this.orderIds = orderIds;
        this.admission = admission;
    }

    /**
     * Accepts an order for fulfillment; it is PENDING until stock and payment are settled. With
     * {@code waitSeconds} the request waits (at most 10 s) for the order to end and answers 200 with its final
     * status; if it has not ended by then, the answer is the usual 202. Refused with 429 when the user has sent
     * too many, with 503 while too many are being placed ({@link PlacementAdmission}).
     */
    @PostMapping
    ResponseEntity<?> place(@Valid @RequestBody PlaceOrderRequest request,
                            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                            @Size(min = 1, max = 100) @Pattern(regexp = "[\\x21-\\x7E]+") String idempotencyKey,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_WAIT_SECONDS) int waitSeconds,
                            HttpServletRequest http) {
        Optional<Caller> caller = Caller.of(http);
        CustomerId customerId = customerOf(request, caller);
        if (customerId == null) {
            return ResponseEntity.badRequest().body(invalid(List.of(Map.of(
                    "field", "customerId", "message", "must name the customer the order is placed for"))));
        }
        OrderId orderId = idempotencyKey == null ? orderIds.next()
                                                 : orderIds.forIdempotencyKey(customerId, idempotencyKey);
        SubscriptionQueryResult<OrderStatusView, OrderStatusView> outcome = null;
        try {
            boolean replayed = false;
            // Without a user (an app run without security) the customer is whom the orders are counted against.
            try (PlacementAdmission.Permit admitted = admission.admit(
                    caller.map(Caller::name).orElse(customerId.value()), http.getRequestURI())) {
                ProblemDetail unknown = unknownProducts(request);
                if (unknown != null) {
                    return ResponseEntity.badRequest().body(unknown);
                }
                List<OrderLine> lines = request.lines().stream()
                        .map(line -> new OrderLine(ProductId.of(line.productId()), line.quantity()))
                        .toList();
                // Subscribed before the command is sent, so that an outcome arriving at once is not missed.
                outcome = waitSeconds == 0 ? null
                        : queries.subscriptionQuery(new FindOrderStatusQuery(orderId),
                                                    ResponseTypes.instanceOf(OrderStatusView.class),
                                                    ResponseTypes.instanceOf(OrderStatusView.class));
                try {
                    commands.sendAndWait(new PlaceOrderCommand(orderId, customerId, lines));
                } catch (RuntimeException failure) {
                    // Placed before under this key: answer as the first time, whatever state the order is in now.
                    CommandFailure.expected(failure, placed -> idempotencyKey != null && placed.aggregateExists());
                    replayed = true;
                }
            }
            // The permit is given back once the order is stored, not after the wait for its outcome: the bulkhead
            // bounds the placements working on the database, and a client waiting for an order that is held up
            // further on (a slow payment) takes none of that. Were waiters counted, a few long waits would refuse
            // every other placement while the write side stood idle; what waiting does hold, a request thread,
            // is bounded by the web server's own thread pool.
            URI location = URI.create("/api/orders/" + orderId);
            OrderStatusView ended = outcome == null ? null : awaitEnd(outcome, Duration.ofSeconds(waitSeconds));
            ResponseEntity.BodyBuilder response = ended == null ? ResponseEntity.accepted() : ResponseEntity.ok();
            return response.location(location)
                           .header("Idempotent-Replayed", String.valueOf(replayed))
                           .body(ended == null
                                 ? new OrderAccepted(orderId.value(), OrderStatus.PENDING, null, location)
                                 : new OrderAccepted(orderId.value(), ended.status(), ended.reason(), location));
        } finally {
            if (outcome != null) {
                outcome.close();
            }
        }
    }

    /**
     * Whose order it is: a customer's own (a body naming someone else is refused), or, for an operator ordering on
     * a customer's behalf (the operator's name goes into the metadata as {@code userId}), the one in the body;
     * null when the body names none.
     */
    private static CustomerId customerOf(PlaceOrderRequest request, Optional<Caller> caller) {
        String named = request.customerId();
        if (caller.isPresent() && !caller.get().operator()) {
            String self = caller.get().name();
            if (named != null && !named.equals(self)) {
                throw AccessProblems.forbidden("a customer places orders for themselves only, not for " + named,
                                               "ROLE_" + Caller.OPERATOR, "/api/orders");
            }
            return CustomerId.of(self);
        }
        return named == null || named.isBlank() ? null : CustomerId.of(named);
    }

    private static OrderStatusView awaitEnd(SubscriptionQueryResult<OrderStatusView, OrderStatusView> outcome,
                                            Duration patience) {
        return outcome.initialResult().concatWith(outcome.updates())
                      .filter(OrderStatusView::hasEnded)
                      .next()
                      .timeout(patience, Mono.empty())
                      .block();
    }

    /** Cancels on the customer's behalf; refunds and restocking follow asynchronously. */
    @PostMapping("/{orderId}/cancel")
    ResponseEntity<OrderAccepted> cancel(@PathVariable @Size(max = 100) String orderId,
                                         @RequestBody(required = false) @Valid CancelOrderRequest request,
                                         HttpServletRequest http) {
        OrderId id = OrderId.of(orderId);
        // A customer's cancellation names them, and the order refuses it unless it is theirs.
        CustomerId requestedBy = Caller.of(http).filter(caller -> !caller.operator())
                                       .map(caller -> CustomerId.of(caller.name())).orElse(null);
        commands.sendAndWait(new CancelOrderCommand(id, request == null ? null : request.reason(), requestedBy));
        URI location = URI.create("/api/orders/" + id);
        return ResponseEntity.accepted().location(location)
                             .body(new OrderAccepted(id.value(), OrderStatus.CANCELLED, null, location));
    }

    private ProblemDetail unknownProducts(PlaceOrderRequest request) {
        List<ProductId> asked = request.lines().stream().map(line -> ProductId.of(line.productId())).toList();
        Set<ProductId> unknown;
        try {
            unknown = Set.copyOf(queries.query(new FindUnknownProductsQuery(Set.copyOf(asked)), UnknownProducts.class)
                                        .join().productIds());
        } catch (CompletionException failed) {
            // The query's own failure (no handler, not reachable) says more than the future's wrapper.
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        if (unknown.isEmpty()) {
            return null;
        }
        List<Map<String, String>> errors = new ArrayList<>();
        IntStream.range(0, asked.size())
                 .filter(i -> unknown.contains(asked.get(i)))
                 .forEach(i -> errors.add(Map.of("field", "lines[" + i + "].productId",
                                                 "message", "unknown product " + asked.get(i))));
        return invalid(errors);
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse(""));
        problem.setTitle("Invalid request");
        problem.setInstance(URI.create("/api/orders"));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Answer to an accepted command: the order, its status as far as this request knows, and where to look. */
    record OrderAccepted(String orderId, OrderStatus status, String reason, URI href) {
    }

    /** Optional body of a cancellation. */
    record CancelOrderRequest(@Size(max = 500) String reason) {
    }
}
