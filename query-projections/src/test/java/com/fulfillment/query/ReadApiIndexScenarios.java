package com.fulfillment.query;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.api.FindCustomerQuery;
import com.fulfillment.query.api.FindOrdersQuery;
import com.fulfillment.query.api.FindProductsQuery;
import com.fulfillment.query.customer.CustomerViewProjection;
import com.fulfillment.query.customer.CustomerViewQueries;
import com.fulfillment.query.order.OrderViewFollowers;
import com.fulfillment.query.order.OrderViewProjection;
import com.fulfillment.query.order.OrderViewQueries;
import com.fulfillment.query.product.ProductViewProjection;
import com.fulfillment.query.product.ProductViewQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The read API's lists are answered off the indexes the read side creates at startup: each query the
 * API sends is caught by MongoDB's profiler and explained, and its winning plan must scan the expected
 * index, with no collection scan and no sort in memory. Needs a real MongoDB (mongo-java-server has no
 * query planner); run by {@code MongoDbProjectionsTest}.
 */
public abstract class ReadApiIndexScenarios {

    private static final Set<String> KEPT_COMMAND_FIELDS = Set.of("find", "filter", "sort", "skip", "limit", "projection");

    private final ReadModelDatabase mongo;
    private final QueryUpdateEmitter updates = SimpleQueryUpdateEmitter.builder().build();
    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream());
    private OrderViewQueries orders;
    private CustomerViewQueries customers;
    private ProductViewQueries products;

    protected ReadApiIndexScenarios(ReadModelDatabase mongo) {
        this.mongo = mongo;
    }

    @BeforeEach
    void readModelsWithSomeHistory() {
        mongo.clear();
        orders = new OrderViewQueries(mongo.template());
        customers = new CustomerViewQueries(mongo.template());
        products = new ProductViewQueries(mongo.template());
        orders.afterPropertiesSet();
        customers.afterPropertiesSet();
        products.afterPropertiesSet();
        List<EventMessage<?>> history = new ArrayList<>(events.catalogue());
        IntStream.range(0, 40).forEach(n -> history.addAll(
                events.confirmedOrder(OrderId.of("order-" + n), n % 2 == 0 ? ALICE : BOB)));
        MongoTemplate template = mongo.template();
        new ProjectionDriver(new OrderViewProjection(template, updates, new OrderViewFollowers(), ProjectionDriver.CACHED)).deliverAsBatch(history);
        new ProjectionDriver(new CustomerViewProjection(template, updates, customers, ProjectionDriver.CACHED))
                .deliverAsBatch(history);
        new ProjectionDriver(new ProductViewProjection(template, updates, ProjectionDriver.CACHED)).deliverAsBatch(history);
        profileEveryQuery();
    }

    @Test
    void aCustomersOrdersAreReadOffTheCustomerIndex() {
        orders.handle(new FindOrdersQuery(ALICE, null, 1, 5));

        assertThat(explainedFinds("order_views")).singleElement().satisfies(plan -> usesOnly(plan, OrderViewQueries.BY_CUSTOMER));
    }

    @Test
    void theOrdersInOneStatusAreReadOffTheStatusIndex() {
        orders.handle(new FindOrdersQuery(null, OrderStatus.CONFIRMED, 0, 5));

        assertThat(explainedFinds("order_views")).singleElement().satisfies(plan -> usesOnly(plan, OrderViewQueries.BY_STATUS));
    }

    @Test
    void allOrdersAreReadNewestFirstOffAnIndex() {
        orders.handle(new FindOrdersQuery(null, null, 0, 5));

        assertThat(explainedFinds("order_views")).singleElement().satisfies(plan -> usesOnly(plan, OrderViewQueries.NEWEST_FIRST));
    }

    @Test
    void aCustomersHistoryIsReadOffTheHistoryIndex() {
        customers.handle(new FindCustomerQuery(BOB, 1, 5));

        assertThat(explainedFinds("customer_orders")).singleElement().satisfies(plan -> usesOnly(plan, CustomerViewQueries.HISTORY));
    }

    @Test
    void theCatalogueIsReadOffTheNameIndex() {
        products.handle(new FindProductsQuery(0, 5));

        assertThat(explainedFinds("product_views")).singleElement().satisfies(plan -> usesOnly(plan, ProductViewQueries.CATALOGUE));
    }

    private void profileEveryQuery() {
        mongo.template().getDb().runCommand(new Document("profile", 0));
        mongo.template().getDb().getCollection("system.profile").drop();
        mongo.template().getDb().runCommand(new Document("profile", 2));
    }

    /** The winning plans of the finds the read API sent to one collection, as MongoDB explains them. */
    private List<Document> explainedFinds(String collection) {
        mongo.template().getDb().runCommand(new Document("profile", 0));
        List<Document> plans = new ArrayList<>();
        for (Document profiled : mongo.template().getDb().getCollection("system.profile")
                                      .find(new Document("ns", mongo.database() + "." + collection)
                                                    .append("op", "query"))) {
            Document find = new Document();
            profiled.get("command", Document.class).forEach((field, value) -> {
                if (KEPT_COMMAND_FIELDS.contains(field)) {
                    find.put(field, value);
                }
            });
            Document explained = mongo.template().getDb().runCommand(
                    new Document("explain", find).append("verbosity", "queryPlanner"));
            plans.add(explained.get("queryPlanner", Document.class).get("winningPlan", Document.class));
        }
        return plans;
    }

    private static void usesOnly(Document plan, String index) {
        List<Document> stages = new ArrayList<>();
        collectStages(plan, stages);
        assertThat(stages).extracting(stage -> stage.getString("stage")).doesNotContain("COLLSCAN", "SORT");
        assertThat(stages).filteredOn(stage -> "IXSCAN".equals(stage.getString("stage")))
                          .extracting(stage -> stage.getString("indexName"))
                          .containsExactly(index);
    }

    private static void collectStages(Document stage, List<Document> stages) {
        stages.add(stage);
        Object input = stage.get("inputStage");
        if (input instanceof Document child) {
            collectStages(child, stages);
        }
        if (stage.get("inputStages") instanceof List<?> children) {
            children.stream().filter(Document.class::isInstance).map(Document.class::cast)
                    .forEach(child -> collectStages(child, stages));
        }
        if (stage.get("queryPlan") instanceof Document queryPlan) {
            collectStages(queryPlan, stages);
        }
    }
}
