package com.fulfillment.query.web;

import com.fulfillment.access.AccessProblems;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.platform.security.Caller;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindOrdersQuery;
import com.fulfillment.query.api.OrderPage;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Orders as the read side knows them: one order, a page of orders, and one order's status changes as they happen.
 * A customer sees their own orders only; another customer's order answers as one that does not exist.
 */
@RestController
@RequestMapping("/api/orders")
public class OrderQueryController {

    private final QueryGateway queries;
    private final OrderStatusStream statusStream;

    public OrderQueryController(QueryGateway queries, OrderStatusStream statusStream) {
        this.queries = queries;
        this.statusStream = statusStream;
    }

    @GetMapping(path = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderView order(@PathVariable String orderId, HttpServletRequest request) {
        return find(orderId).filter(visibleTo(request))
                            .orElseThrow(() -> QueryProblems.notFound("order", "orderId", orderId));
    }

    private Optional<OrderView> find(String orderId) {
        FindOrderQuery query = QueryProblems.parse(() -> new FindOrderQuery(OrderId.of(orderId)));
        return Answers.of(queries.query(query, ResponseTypes.optionalInstanceOf(OrderView.class)));
    }

    /** Whether the caller of {@code request} may see an order: it is theirs, or they are an operator. */
    public static Predicate<OrderView> visibleTo(HttpServletRequest request) {
        Optional<Caller> caller = Caller.of(request);
        return order -> caller.map(c -> c.mayActFor(order.customerId().value())).orElse(true);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderPage orders(@RequestParam(required = false) String customerId,
                            @RequestParam(required = false) OrderStatus status,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
                            HttpServletRequest request) {
        String named = customerId == null || customerId.isBlank() ? null : customerId;
        Optional<Caller> customer = Caller.of(request).filter(caller -> !caller.operator());
        if (customer.isPresent() && named != null && !customer.get().mayActFor(named)) {
            throw AccessProblems.forbidden("a customer lists their own orders only, not " + named + "'s",
                                           "ROLE_" + Caller.OPERATOR, "/api/orders");
        }
        // A customer's list is their own orders, whether they name themselves or not.
        String listed = customer.map(Caller::name).orElse(named);
        FindOrdersQuery query = QueryProblems.parse(() -> new FindOrdersQuery(
                listed == null ? null : CustomerId.of(listed), status, page, size));
        return Answers.of(queries.query(query, OrderPage.class));
    }

    /**
     * Server-Sent Events, one {@code order-status} event per status change, starting with the current
     * statuses. An order not (yet) in the read model is waited for rather than refused: a client
     * usually subscribes right after placing the order, before the projection has seen it.
     */
    @GetMapping(path = "/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter orderEvents(@PathVariable String orderId, HttpServletRequest request) {
        // An order the read model has is checked now, so that another customer's answers 404 as it does above;
        // one it does not have yet is streamed only once it shows up as the caller's.
        Predicate<OrderView> visible = visibleTo(request);
        if (find(orderId).filter(visible.negate()).isPresent()) {
            throw QueryProblems.notFound("order", "orderId", orderId);
        }
        return statusStream.follow(QueryProblems.parse(() -> OrderId.of(orderId)), visible);
    }
}
