package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.query.admin.ProjectionStatus;
import com.fulfillment.query.api.CustomerView;
import com.fulfillment.query.api.OrderPage;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.ProductPage;
import com.fulfillment.query.api.ProductView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The read side as a client sees it over HTTP: the order, customer and product views, the lists' totals,
 * and the projections' admin endpoints. Views are read into the query API's own records, with the
 * application's JSON settings, so that they compare field by field with what the event store says.
 */
final class ReadSideClient {

    private final TestRestTemplate http;
    private final ObjectMapper json;

    ReadSideClient(TestRestTemplate http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    Optional<OrderView> order(OrderId orderId) {
        return read("/api/orders/{id}", OrderView.class, orderId.value());
    }

    Optional<CustomerView> customer(CustomerId customerId) {
        return read("/api/customers/{id}?size=" + ExpectedReadModels.CUSTOMER_PAGE_SIZE, CustomerView.class,
                    customerId.value());
    }

    Optional<ProductView> product(ProductId productId) {
        return read("/api/products/{id}", ProductView.class, productId.value());
    }

    long listedOrders() {
        return read("/api/orders?size=1", OrderPage.class).orElseThrow().totalOrders();
    }

    long listedProducts() {
        return read("/api/products?size=1", ProductPage.class).orElseThrow().totalProducts();
    }

    ProjectionStatus projection(String projection) {
        return read("/api/admin/projections/{name}", ProjectionStatus.class, projection).orElseThrow();
    }

    /** Asks for a rebuild; the answer is the projection's status right after the replay was started. */
    ProjectionStatus rebuild(String projection) {
        ResponseEntity<String> accepted = http.postForEntity("/api/admin/projections/{name}/rebuild", null,
                                                             String.class, projection);
        assertThat(accepted.getStatusCode()).as("rebuild of %s", projection).isEqualTo(HttpStatus.ACCEPTED);
        return parse(accepted.getBody(), ProjectionStatus.class);
    }

    /** Every view the expected read models name, as the read side answers for it now. */
    Views views(ExpectedReadModels expected) {
        Map<OrderId, OrderView> orders = new LinkedHashMap<>();
        expected.orders().keySet().forEach(id -> orders.put(id, order(id).orElse(null)));
        Map<CustomerId, CustomerView> customers = new LinkedHashMap<>();
        expected.customers().keySet().forEach(id -> customers.put(id, customer(id).orElse(null)));
        Map<ProductId, ProductView> products = new LinkedHashMap<>();
        expected.products().keySet().forEach(id -> products.put(id, product(id).orElse(null)));
        return new Views(orders, customers, products, listedOrders(), listedProducts());
    }

    /**
     * Compares every order, customer and product the event store knows with what the read side answers,
     * field by field, and reports every difference at once. Only the wording of timeline entries is left
     * out: it is the projection's prose, not a fact of the events.
     */
    void assertShows(ExpectedReadModels expected) {
        Views actual = views(expected);
        SoftAssertions softly = new SoftAssertions();
        expected.orders().forEach((id, order) -> softly.assertThat(actual.orders().get(id))
                                                       .as("order %s", id)
                                                       .usingRecursiveComparison()
                                                       .ignoringFields("timeline.detail")
                                                       .isEqualTo(order));
        expected.customers().forEach((id, customer) -> softly.assertThat(actual.customers().get(id))
                                                             .as("customer %s", id)
                                                             .usingRecursiveComparison()
                                                             .isEqualTo(customer));
        expected.products().forEach((id, product) -> softly.assertThat(actual.products().get(id))
                                                           .as("product %s", id)
                                                           .usingRecursiveComparison()
                                                           .isEqualTo(product));
        softly.assertThat(actual.listedOrders()).as("orders listed").isEqualTo(expected.orders().size());
        softly.assertThat(actual.listedProducts()).as("products listed").isEqualTo(expected.products().size());
        softly.assertAll();
    }

    private <T> Optional<T> read(String path, Class<T> type, Object... variables) {
        ResponseEntity<String> response = http.getForEntity(path, String.class, variables);
        if (response.getStatusCode() == HttpStatus.NOT_FOUND) {
            return Optional.empty();
        }
        assertThat(response.getStatusCode()).as("GET %s %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
        return Optional.of(parse(response.getBody(), type));
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName() + " from " + body, e);
        }
    }

    /** What the read side answered for each view at one moment; {@code null} where it knew nothing. */
    record Views(
            Map<OrderId, OrderView> orders,
            Map<CustomerId, CustomerView> customers,
            Map<ProductId, ProductView> products,
            long listedOrders,
            long listedProducts) {}
}
