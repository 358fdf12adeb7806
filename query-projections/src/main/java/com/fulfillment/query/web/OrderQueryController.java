package com.fulfillment.query.web;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindOrdersQuery;
import com.fulfillment.query.api.OrderPage;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.Paging;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Orders as the read side knows them: one order, a page of orders, and one order's status changes as they happen. */
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
    public OrderView order(@PathVariable String orderId) {
        FindOrderQuery query = QueryProblems.parse(() -> new FindOrderQuery(OrderId.of(orderId)));
        return Answers.of(queries.query(query, ResponseTypes.optionalInstanceOf(OrderView.class)))
                      .orElseThrow(() -> QueryProblems.notFound("order", "orderId", orderId));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderPage orders(@RequestParam(required = false) String customerId,
                            @RequestParam(required = false) OrderStatus status,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
        FindOrdersQuery query = QueryProblems.parse(() -> new FindOrdersQuery(
                customerId == null || customerId.isBlank() ? null : CustomerId.of(customerId), status, page, size));
        return Answers.of(queries.query(query, OrderPage.class));
    }

    /**
     * Server-Sent Events, one {@code order-status} event per status change, starting with the current
     * statuses. An order not (yet) in the read model is waited for rather than refused: a client
     * usually subscribes right after placing the order, before the projection has seen it.
     */
    @GetMapping(path = "/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter orderEvents(@PathVariable String orderId) {
        return statusStream.follow(QueryProblems.parse(() -> OrderId.of(orderId)));
    }
}
