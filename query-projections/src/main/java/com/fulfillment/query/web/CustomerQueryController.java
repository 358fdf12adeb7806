package com.fulfillment.query.web;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.platform.security.Caller;
import com.fulfillment.query.api.CustomerView;
import com.fulfillment.query.api.FindCustomerQuery;
import com.fulfillment.query.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's totals and order history, newest first: a customer sees their own only, an operator anyone's. */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
public class CustomerQueryController {

    private final QueryGateway queries;

    public CustomerQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{customerId}")
    public CustomerView customer(@PathVariable String customerId,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
                                 HttpServletRequest request) {
        if (!Caller.of(request).map(caller -> caller.mayActFor(customerId)).orElse(true)) {
            // As for an order: another customer's view answers as one that does not exist.
            throw QueryProblems.notFound("customer", "customerId", customerId);
        }
        FindCustomerQuery query = QueryProblems.parse(
                () -> new FindCustomerQuery(CustomerId.of(customerId), page, size));
        return Answers.of(queries.query(query, ResponseTypes.optionalInstanceOf(CustomerView.class)))
                      .orElseThrow(() -> QueryProblems.notFound("customer", "customerId", customerId));
    }
}
