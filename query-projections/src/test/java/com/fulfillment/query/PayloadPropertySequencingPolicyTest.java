package com.fulfillment.query;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.KEYBOARD;
import static com.fulfillment.query.FulfillmentEvents.KEYBOARD_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.platform.PayloadPropertySequencingPolicy;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

class PayloadPropertySequencingPolicyTest {

    private final PayloadPropertySequencingPolicy byOrder = new PayloadPropertySequencingPolicy("orderId");
    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream());

    @Test
    void theEventsOfOneOrderShareOneSequenceWhicheverAggregateOrSagaPublishedThem() {
        List<EventMessage<?>> story = events.confirmedOrder(OrderId.of("order-1"), ALICE);

        assertThat(story).extracting(EventMessage::getPayload).extracting(Object::getClass).contains(
                OrderPlacedEvent.class, StockReservedEvent.class, OrderStockReservedEvent.class,
                PaymentCompletedEvent.class);
        assertThat(story).extracting(byOrder::getSequenceIdentifierFor).containsOnly("order-1");
    }

    @Test
    void differentOrdersHaveDifferentSequences() {
        assertThat(byOrder.getSequenceIdentifierFor(events.placed(OrderId.of("order-2"), ALICE)))
                .isEqualTo("order-2")
                .isNotEqualTo(byOrder.getSequenceIdentifierFor(events.placed(OrderId.of("order-3"), ALICE)));
    }

    @Test
    void anEventWithoutThePropertyIsSequencedByItsAggregate() {
        EventMessage<?> added = events.stream().fromProduct(
                KEYBOARD, new ProductAddedEvent(KEYBOARD, "Keyboard", KEYBOARD_PRICE, 1));

        assertThat(byOrder.getSequenceIdentifierFor(added)).isEqualTo("keyboard");
    }

    @Test
    void productEventsAreSequencedByProductAcrossOrders() {
        PayloadPropertySequencingPolicy byProduct = new PayloadPropertySequencingPolicy("productId");

        assertThat(events.stockReserved(OrderId.of("order-4")).subList(0, 1))
                .extracting(byProduct::getSequenceIdentifierFor)
                .containsExactly("keyboard");
        assertThat(byProduct.getSequenceIdentifierFor(events.sold(OrderId.of("order-5")).get(0))).isEqualTo("keyboard");
    }
}
