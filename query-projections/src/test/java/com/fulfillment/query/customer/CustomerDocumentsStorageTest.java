package com.fulfillment.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.AppliedEvents;
import com.fulfillment.query.SpringDataMapping;
import com.fulfillment.query.batch.ProjectedDocument;
import java.time.Instant;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

/**
 * A customer's order and a customer's totals write themselves as Spring Data's mapping would write them (see
 * {@code OrderDocumentStorageTest}), for documents with every field set.
 */
class CustomerDocumentsStorageTest {

    private static final Set<Class<?>> STORED_CLASSES = Set.of(CustomerOrderDocument.class, CustomerDocument.class,
                                                               ProjectedDocument.class, AppliedEvents.class);

    private final MappingMongoConverter mapping = SpringDataMapping.converter();

    @Test
    void aCustomersOrderWritesWhatSpringDataWrites() {
        CustomerOrderDocument order = orderWithEveryFieldSet();

        assertThat(order.stored(mapping)).isEqualTo(SpringDataMapping.mapped(mapping, order));
        assertThat(CustomerOrderDocument.startedBy(OrderId.of("order-2")).stored(mapping))
                .isEqualTo(SpringDataMapping.mapped(mapping, CustomerOrderDocument.startedBy(OrderId.of("order-2"))));
        assertThat(SpringDataMapping.unsetFields(order, "order", STORED_CLASSES)).isEmpty();
    }

    @Test
    void aCustomersTotalsWriteWhatSpringDataWrites() {
        CustomerDocument customer = totalsWithEveryFieldSet();

        assertThat(customer.stored(mapping)).isEqualTo(SpringDataMapping.mapped(mapping, customer));
        assertThat(CustomerDocument.of("c-2").stored(mapping))
                .isEqualTo(SpringDataMapping.mapped(mapping, CustomerDocument.of("c-2")));
        // The totals apply no event themselves: only what their orders count is stored.
        assertThat(SpringDataMapping.unsetFields(customer, "customer", STORED_CLASSES))
                .containsExactly("customer.applied");
    }

    @Test
    void areReadBackBySpringDataAsTheyWereWritten() {
        CustomerOrderDocument order = orderWithEveryFieldSet();
        CustomerDocument customer = totalsWithEveryFieldSet();

        assertThat(SpringDataMapping.mapped(mapping, mapping.read(CustomerOrderDocument.class, order.stored(mapping))))
                .isEqualTo(SpringDataMapping.mapped(mapping, order));
        assertThat(SpringDataMapping.mapped(mapping, mapping.read(CustomerDocument.class, customer.stored(mapping))))
                .isEqualTo(SpringDataMapping.mapped(mapping, customer));
    }

    /** Totals that counted an order: every field set but {@code applied}. */
    private static CustomerDocument totalsWithEveryFieldSet() {
        CustomerOrderDocument order = placedAndPaid();
        CustomerDocument customer = CustomerDocument.of("c-1");
        customer.count(order);
        return customer;
    }

    private static CustomerOrderDocument orderWithEveryFieldSet() {
        CustomerOrderDocument order = placedAndPaid();
        order.reported(order.contribution());
        return order;
    }

    private static CustomerOrderDocument placedAndPaid() {
        Instant at = Instant.parse("2026-12-07T10:15:30.123Z");
        CustomerOrderDocument order = CustomerOrderDocument.startedBy(OrderId.of("order-1"));
        order.placed(CustomerId.of("c-1"), at);
        order.priced(Money.of("25.00", "EUR"));
        order.captured(Money.of("25.00", "EUR"));
        order.refunded(Money.of("5.00", "EUR"));
        order.settled(OrderStatus.CONFIRMED);
        order.recorded(new GenericDomainEventMessage<>("Order", "order-1", 0, "placed"));
        order.recorded(GenericEventMessage.asEventMessage("published by a saga"));
        return order;
    }
}
