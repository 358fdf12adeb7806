package com.fulfillment.query.web;

import com.fulfillment.kernel.ProductId;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.FindProductsQuery;
import com.fulfillment.query.api.Paging;
import com.fulfillment.query.api.ProductPage;
import com.fulfillment.query.api.ProductView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue with prices and stock, as the read side knows it. */
@RestController
@RequestMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProductQueryController {

    private final QueryGateway queries;

    public ProductQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    public ProductPage products(@RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
        FindProductsQuery query = QueryProblems.parse(() -> new FindProductsQuery(page, size));
        return Answers.of(queries.query(query, ProductPage.class));
    }

    @GetMapping("/{productId}")
    public ProductView product(@PathVariable String productId) {
        FindProductQuery query = QueryProblems.parse(() -> new FindProductQuery(ProductId.of(productId)));
        return Answers.of(queries.query(query, ResponseTypes.optionalInstanceOf(ProductView.class)))
                      .orElseThrow(() -> QueryProblems.notFound("product", "productId", productId));
    }
}
