package com.fulfillment.query.product;

import static com.fulfillment.query.FulfillmentEvents.KEYBOARD;
import static com.fulfillment.query.FulfillmentEvents.KEYBOARD_PRICE;
import static com.fulfillment.query.FulfillmentEvents.MOUSE;
import static com.fulfillment.query.FulfillmentEvents.MOUSE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.ProductPriceChangedEvent;
import com.fulfillment.inventory.api.ProductRestockedEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.ProjectionDriver;
import com.fulfillment.query.ReadModelDatabase;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.FindProductsQuery;
import com.fulfillment.query.api.ProductPage;
import com.fulfillment.query.api.ProductView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the catalogue shows of each product's price and stock, and that a redelivery changes none of it.
 * Run by {@link ProductViewProjectionTest} on the in-memory server and by {@code MongoDbProjectionsTest}
 * on a real MongoDB.
 */
public abstract class ProductViewProjectionScenarios {

    private static final OrderId ORDER = OrderId.of("order-1");

    private final ReadModelDatabase mongo;
    private final QueryUpdateEmitter updates = SimpleQueryUpdateEmitter.builder().build();
    private final ProjectionDriver driver;
    private final ProductViewQueries queries;
    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream());
    private final List<EventMessage<?>> catalogue = events.catalogue();

    protected ProductViewProjectionScenarios(ReadModelDatabase mongo) {
        this.mongo = mongo;
        this.driver = new ProjectionDriver(new ProductViewProjection(mongo.template(), updates,
                                                                     ProjectionDriver.CACHED));
        this.queries = new ProductViewQueries(mongo.template());
    }

    @BeforeEach
    void catalogue() {
        mongo.clear();
        driver.deliver(catalogue);
    }

    @Test
    void anAddedProductHasItsInitialStockOnHandAndAvailable() {
        assertThat(product(KEYBOARD)).isEqualTo(new ProductView(KEYBOARD, "Keyboard", KEYBOARD_PRICE, 10, 10, 0, 0,
                                                                product(KEYBOARD).updatedAt()));
        assertThat(product(KEYBOARD).updatedAt()).isNotNull();
    }

    @Test
    void aReservationMovesStockFromAvailableToReservedAndASaleTakesItOffHand() {
        driver.deliver(events.stockReserved(ORDER));
        assertThat(figures(MOUSE)).containsExactly(5, 3, 2, 0);

        driver.deliver(events.sold(ORDER));
        assertThat(figures(MOUSE)).containsExactly(3, 3, 0, 2);
        assertThat(figures(KEYBOARD)).containsExactly(9, 9, 0, 1);
    }

    @Test
    void aReleaseMakesReservedStockAvailableAgain() {
        driver.deliver(events.stockReserved(ORDER));

        driver.deliver(events.released(ORDER));

        assertThat(figures(MOUSE)).containsExactly(5, 5, 0, 0);
    }

    @Test
    void aReturnPutsSoldStockBackOnHand() {
        driver.deliver(events.stockReserved(ORDER));
        driver.deliver(events.sold(ORDER));

        driver.deliver(events.returned(ORDER, MOUSE, 2));

        assertThat(figures(MOUSE)).containsExactly(5, 5, 0, 0);
    }

    @Test
    void restockingAndRepricingChangeOnlyWhatTheySay() {
        EventStream stream = events.stream();
        Money newPrice = Money.of("24.99", "EUR");

        driver.deliver(stream.fromProduct(MOUSE, new ProductRestockedEvent(MOUSE, 7)),
                       stream.fromProduct(MOUSE, new ProductPriceChangedEvent(MOUSE, MOUSE_PRICE, newPrice)));

        assertThat(product(MOUSE).unitPrice()).isEqualTo(newPrice);
        assertThat(figures(MOUSE)).containsExactly(12, 12, 0, 0);
    }

    @Test
    void everyEventDeliveredTwiceChangesNothing() {
        List<EventMessage<?>> story = new ArrayList<>(events.stockReserved(ORDER));
        story.addAll(events.sold(ORDER));
        story.add(events.cancelled(ORDER, OrderStatus.CONFIRMED));
        story.add(events.returned(ORDER, KEYBOARD, 1));
        driver.deliver(story);
        List<Document> once = mongo.rawDocuments(ProductDocument.COLLECTION);

        driver.deliver(story);
        driver.deliver(catalogue);

        assertThat(mongo.rawDocuments(ProductDocument.COLLECTION)).hasSize(2).isEqualTo(once);
    }

    @Test
    void theCatalogueIsListedByNameInBoundedPages() {
        ProductId cable = ProductId.of("cable");
        driver.deliver(events.stream().fromProduct(cable, new ProductAddedEvent(cable, "Cable", Money.of("5.00", "EUR"),
                                                                                  100)));

        ProductPage first = queries.handle(new FindProductsQuery(0, 2));
        ProductPage second = queries.handle(new FindProductsQuery(1, 2));

        assertThat(first.products()).extracting(ProductView::name).containsExactly("Cable", "Keyboard");
        assertThat(second.products()).extracting(ProductView::name).containsExactly("Mouse");
        assertThat(first.totalProducts()).isEqualTo(3);
        assertThat(first.totalPages()).isEqualTo(2);
    }

    @Test
    void subscribersOfAProductAndOfTheCatalogueAreToldOfEachChange() {
        List<Object> ofMouse = subscribe(new FindProductQuery(MOUSE), ProductView.class);
        List<Object> ofKeyboard = subscribe(new FindProductQuery(KEYBOARD), ProductView.class);
        List<Object> ofCatalogue = subscribe(new FindProductsQuery(0, 10), ProductPage.class);

        driver.deliver(events.stream().fromProduct(MOUSE, new ProductRestockedEvent(MOUSE, 1)));

        assertThat(ofMouse).singleElement().extracting(update -> ((ProductView) update).onHand()).isEqualTo(6);
        assertThat(ofKeyboard).isEmpty();
        assertThat(ofCatalogue).singleElement().isInstanceOf(ProductView.class);
    }

    @Test
    void aSubscriptionStartedWhileTheBatchCommitsHearsItsChange() {
        List<Object> received = new ArrayList<>();
        // subscribes as the batch hands over its first change, after the product was written, before the commit
        QueryUpdateEmitter joining = new SimpleQueryUpdateEmitter(SimpleQueryUpdateEmitter.builder()) {
            @Override
            public <U> void emit(Predicate<SubscriptionQueryMessage<?, ?, U>> filter,
                                 SubscriptionQueryUpdateMessage<U> update) {
                if (activeSubscriptions().isEmpty()) {
                    subscribe(this, new FindProductQuery(MOUSE), received);
                }
                super.emit(filter, update);
            }
        };
        ProjectionDriver joiningDriver = new ProjectionDriver(
                new ProductViewProjection(mongo.template(), joining, ProjectionDriver.CACHED));

        joiningDriver.deliverAsBatch(events.stockReserved(ORDER));

        assertThat(received).as("updates of the mouse").isNotEmpty();
    }

    @Test
    void anUnknownProductIsNotFound() {
        assertThat(queries.handle(new FindProductQuery(ProductId.of("unicorn")))).isEmpty();
    }

    private ProductView product(ProductId productId) {
        return queries.handle(new FindProductQuery(productId)).orElseThrow();
    }

    /** On hand, available, reserved, sold. */
    private List<Integer> figures(ProductId productId) {
        ProductView product = product(productId);
        return List.of(product.onHand(), product.available(), product.reserved(), product.sold());
    }

    private List<Object> subscribe(Object query, Class<?> initialType) {
        List<Object> received = new ArrayList<>();
        subscribe(updates, query, initialType, received);
        return received;
    }

    private static void subscribe(QueryUpdateEmitter emitter, FindProductQuery query, List<Object> received) {
        subscribe(emitter, query, ProductView.class, received);
    }

    private static void subscribe(QueryUpdateEmitter emitter, Object query, Class<?> initialType,
                                  List<Object> received) {
        emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                       query, ResponseTypes.instanceOf(initialType), ResponseTypes.instanceOf(ProductView.class)), 16)
               .getUpdates().subscribe(update -> received.add(update.getPayload()));
    }
}
