package com.fulfillment.query.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.query.AppliedEvents;
import com.fulfillment.query.SpringDataMapping;
import com.fulfillment.query.api.CompensationFailureView;
import com.fulfillment.query.api.StuckProcessingView;
import com.fulfillment.query.batch.ProjectedDocument;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

/**
 * An order document writes itself as Spring Data's mapping would write it, so that the mapping reads it back as
 * before and documents written either way look the same in the store. The document under test has every field
 * set, down to its lines, payment and refunds: a field added later fails {@link #theDocumentUnderTestHasEveryFieldSet}
 * until it is set here, and then the comparison until {@code OrderDocument.stored} writes it.
 */
class OrderDocumentStorageTest {

    private static final Set<Class<?>> STORED_CLASSES = Set.of(OrderDocument.class, ProjectedDocument.class,
                                                               AppliedEvents.class, OrderDocument.LineDocument.class,
                                                               PaymentDocument.class,
                                                               PaymentDocument.RefundDocument.class);

    private final MappingMongoConverter mapping = SpringDataMapping.converter();

    @Test
    void writesWhatSpringDataWritesForADocumentWithEveryFieldSet() {
        OrderDocument order = everyFieldSet();

        assertThat(order.stored(mapping)).isEqualTo(mappedBySpringData(order));
    }

    @Test
    void writesWhatSpringDataWritesForADocumentJustStarted() {
        OrderDocument order = OrderDocument.startedBy(OrderId.of("order-1"));

        assertThat(order.stored(mapping)).isEqualTo(mappedBySpringData(order));
    }

    @Test
    void isReadBackBySpringDataAsItWasWritten() {
        OrderDocument order = everyFieldSet();

        OrderDocument read = mapping.read(OrderDocument.class, order.stored(mapping));

        assertThat(read.toView()).isEqualTo(order.toView());
        assertThat(mappedBySpringData(read)).isEqualTo(mappedBySpringData(order));
    }

    @Test
    void theDocumentUnderTestHasEveryFieldSet() {
        assertThat(SpringDataMapping.unsetFields(everyFieldSet(), "order", STORED_CLASSES)).isEmpty();
    }

    private static OrderDocument everyFieldSet() {
        ProductId first = ProductId.of("p-1");
        ProductId second = ProductId.of("p-2");
        Instant at = Instant.parse("2026-12-07T10:15:30.123Z");
        OrderDocument order = OrderDocument.startedBy(OrderId.of("order-1"));
        order.placed(CustomerId.of("c-1"), List.of(new OrderLine(first, 2), new OrderLine(second, 1)), at);
        order.stockRefused(first, 2, 1);
        order.stockRefused(second, 1, 0);
        order.stockReserved(first, 2, Money.of("10.00", "EUR"));
        order.allStockReserved(List.of(new PricedLine(first, 2, Money.of("10.00", "EUR"), Money.of("20.00", "EUR")),
                                       new PricedLine(second, 1, Money.of("5.00", "EUR"), Money.of("5.00", "EUR"))),
                               Money.of("25.00", "EUR"));
        order.stockRejected(List.of(new Shortage(second, 1, 0)));
        order.paymentRequested(Money.of("20.00", "EUR"));
        order.paymentCompleted(Money.of("20.00", "EUR"), "capture-1");
        order.paymentFailed("card expired");
        order.refundRequested(Money.of("20.00", "EUR"), "cancelled", at.plusSeconds(1));
        order.refunded(Money.of("20.00", "EUR"), "refund-1", at.plusSeconds(2));
        order.rejected("out of stock");
        order.cancelled("customer asked", List.of(new OrderLine(first, 2)));
        order.compensationFailed(new CompensationFailureView("failure-1", "payments", "RefundPaymentCommand",
                                                             "refused", at, "{}", "RefundPaymentCommand", null, null));
        order.compensationSettled("failure-1", "refunded by hand", at.plusSeconds(3));
        order.stuck(new StuckProcessingView("payment-saga", "PaymentCompletedEvent", "event-9", "timeout", at));
        order.recorded(new GenericDomainEventMessage<>("Order", "order-1", 0, "placed"), "orders", "placed");
        order.recorded(GenericEventMessage.asEventMessage("published by a saga"), "payments", "refund");
        return order;
    }

    private Document mappedBySpringData(OrderDocument order) {
        return SpringDataMapping.mapped(mapping, order);
    }
}
