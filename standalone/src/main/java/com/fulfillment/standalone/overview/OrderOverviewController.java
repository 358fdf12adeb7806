package com.fulfillment.standalone.overview;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.overview.OrderNotFoundException;
import com.fulfillment.overview.OrderOverview;
import com.fulfillment.overview.OrderOverviews;
import com.fulfillment.overview.OrderViewUnavailableException;
import com.fulfillment.payment.api.PaymentAttemptsView;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.ProductView;
import com.fulfillment.query.web.OrderQueryController;
import com.fulfillment.query.web.QueryProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderId}/overview}: the order view with its payment's attempts and the current
 * availability of its products ({@link OrderOverviews}), from the query handlers in this JVM.
 */
@RestController
class OrderOverviewController {

    /** The problem type of an overview whose order view cannot be had now. */
    static final URI UNAVAILABLE = URI.create("urn:fulfillment:problem:order-view-unavailable");

    private final OrderOverviews overviews;
    private final InProcessOverviewSources sources;

    OrderOverviewController(OrderOverviews overviews, InProcessOverviewSources sources) {
        this.overviews = overviews;
        this.sources = sources;
    }

    @GetMapping(path = "/api/orders/{orderId}/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderOverview<OrderView, PaymentAttemptsView, ProductView> overview(@PathVariable String orderId,
                                                                        HttpServletRequest request) {
        QueryProblems.parse(() -> OrderId.of(orderId));
        OrderOverview<OrderView, PaymentAttemptsView, ProductView> overview;
        try {
            // Every part has its own time limit, so this wait is bounded by the order view's and availability's.
            overview = overviews.overview(orderId, sources).join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof OrderNotFoundException) {
                throw QueryProblems.notFound("order", "orderId", orderId);
            }
            if (failed.getCause() instanceof OrderViewUnavailableException unavailable) {
                throw unavailable(unavailable);
            }
            throw failed;
        }
        if (!OrderQueryController.visibleTo(request).test(overview.order())) {
            throw QueryProblems.notFound("order", "orderId", orderId);
        }
        return overview;
    }

    private static ErrorResponseException unavailable(OrderViewUnavailableException unavailable) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getMessage());
        problem.setType(UNAVAILABLE);
        problem.setTitle("Order view unavailable");
        ErrorResponseException response = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, unavailable);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER,
                                  String.valueOf(Math.max(1, unavailable.retryAfter().toSeconds())));
        return response;
    }
}
