package com.fulfillment.standalone.overview;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.overview.OrderOverviews;
import com.fulfillment.overview.OverviewSettings;
import com.fulfillment.payment.api.FindPaymentAttemptsQuery;
import com.fulfillment.payment.api.PaymentAttemptsView;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.platform.web.ApiProblems;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.OrderLineView;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.ProductView;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The standalone app's {@code GET /api/orders/{id}/overview} over its query handlers (here a query gateway that
 * answers as each test tells it): which parts are missing when a query fails or hangs, and the problems when
 * the order view cannot be had or does not exist.
 */
class OrderOverviewControllerTest {

    private static final Duration LIMIT = Duration.ofMillis(400);
    private static final Money PRICE = new Money(new BigDecimal("12.50"), "EUR");

    private final QueryGateway queries = mock(QueryGateway.class);
    private final OrderOverviews overviews = new OrderOverviews(
            new OverviewSettings(new OverviewSettings.Timeouts(LIMIT, LIMIT, LIMIT),
                                 new OverviewSettings.CircuitBreakerSettings(null, null, null, Duration.ofSeconds(6))),
            CircuitBreakerRegistry.ofDefaults());
    private final InProcessOverviewSources sources = new InProcessOverviewSources(queries);
    private MockMvc mvc;

    @BeforeEach
    void everyQueryAnswers() {
        mvc = MockMvcBuilders.standaloneSetup(new OrderOverviewController(overviews, sources))
                             .setControllerAdvice(new ApiProblems())
                             .build();
        answer(FindOrderQuery.class, CompletableFuture.completedFuture(Optional.of(order())));
        answer(FindPaymentAttemptsQuery.class, CompletableFuture.completedFuture(Optional.of(payment())));
        answer(FindProductQuery.class, CompletableFuture.completedFuture(Optional.of(product())));
    }

    @AfterEach
    void stop() {
        sources.close();
        overviews.close();
    }

    @Test
    void theOverviewGathersTheOrderItsPaymentAndItsProductsAvailability() throws Exception {
        mvc.perform(get("/api/orders/order-1/overview"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.order.status").value("CONFIRMED"))
           .andExpect(jsonPath("$.payment.status").value("COMPLETED"))
           .andExpect(jsonPath("$.availability[0].productId").value("grinder"))
           .andExpect(jsonPath("$.availability[0].available").value(7))
           .andExpect(jsonPath("$.partial").value(false))
           .andExpect(jsonPath("$.missing").isEmpty());
    }

    @Test
    void aPaymentQueryThatFailsLeavesThePaymentMissing() throws Exception {
        answer(FindPaymentAttemptsQuery.class, CompletableFuture.failedFuture(new IllegalStateException("down")));

        mvc.perform(get("/api/orders/order-1/overview"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.payment").doesNotExist())
           .andExpect(jsonPath("$.availability[0].productId").value("grinder"))
           .andExpect(jsonPath("$.partial").value(true))
           .andExpect(jsonPath("$.missing").value("payment"));
    }

    @Test
    void aProductQueryThatHangsLeavesTheAvailabilityMissingOnceItsTimeLimitHasPassed() throws Exception {
        answer(FindProductQuery.class, new CompletableFuture<>());

        mvc.perform(get("/api/orders/order-1/overview"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.payment.status").value("COMPLETED"))
           .andExpect(jsonPath("$.availability").doesNotExist())
           .andExpect(jsonPath("$.missing").value("availability"));
    }

    @Test
    void bothSecondaryPartsFailingLeaveTheOrderAlone() throws Exception {
        answer(FindPaymentAttemptsQuery.class, new CompletableFuture<>());
        answer(FindProductQuery.class, CompletableFuture.failedFuture(new IllegalStateException("down")));

        mvc.perform(get("/api/orders/order-1/overview"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.order.orderId").value("order-1"))
           .andExpect(jsonPath("$.partial").value(true))
           .andExpect(jsonPath("$.missing[0]").value("payment"))
           .andExpect(jsonPath("$.missing[1]").value("availability"));
    }

    @Test
    void anOrderViewThatCannotBeHadIsAnsweredUnavailableWithWhenToAskAgain() throws Exception {
        answer(FindOrderQuery.class, new CompletableFuture<>());

        mvc.perform(get("/api/orders/order-1/overview"))
           .andExpect(status().isServiceUnavailable())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
           .andExpect(header().string("Retry-After", "6"))
           .andExpect(jsonPath("$.type").value("urn:fulfillment:problem:order-view-unavailable"))
           .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no answer in time")));
    }

    @Test
    void anUnknownOrderIsNotFound() throws Exception {
        answer(FindOrderQuery.class, CompletableFuture.completedFuture(Optional.empty()));

        mvc.perform(get("/api/orders/order-1/overview"))
           .andExpect(status().isNotFound())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
           .andExpect(jsonPath("$.orderId").value("order-1"));
    }

    @SuppressWarnings("unchecked")
    private <Q> void answer(Class<Q> query, CompletableFuture<?> answer) {
        when(queries.query(any(query), any(ResponseType.class))).thenReturn((CompletableFuture<Object>) answer);
    }

    private static OrderView order() {
        return new OrderView(OrderId.of("order-1"), CustomerId.of("alice"), OrderStatus.CONFIRMED, null, null,
                             List.of(new OrderLineView(ProductId.of("grinder"), 1, PRICE, PRICE, null, null)),
                             PRICE, null, null, null, List.of(), List.of(), List.of(), List.of(), Instant.EPOCH,
                             Instant.EPOCH);
    }

    private static PaymentAttemptsView payment() {
        return new PaymentAttemptsView("order-1", "payment-order-1", PaymentStatus.COMPLETED, PRICE, 1, null, null,
                                       null, "ref-1", "CLOSED", List.of());
    }

    private static ProductView product() {
        return new ProductView(ProductId.of("grinder"), "Burr grinder", PRICE, 8, 7, 1, 2, Instant.EPOCH);
    }
}
