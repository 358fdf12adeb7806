package com.fulfillment.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.api.FindCustomerQuery;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps each customer's order history and totals. Sequenced on the order id like the order view, so
 * one order's events apply in order; the customer's totals are then summed again from their orders
 * (see {@link CustomerDocument} for why they are never incremented).
 */
@Component
@ProcessingGroup(ProcessingGroups.CUSTOMER_VIEW)
public class CustomerViewProjection {

    /** Each conflict means another order of the customer was summed in; a handful of retries always suffices. */
    private static final int MAX_ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;
    private final CustomerViewQueries queries;

    public CustomerViewProjection(MongoTemplate mongo, QueryUpdateEmitter updates, CustomerViewQueries queries) {
        this.mongo = mongo;
        this.updates = updates;
        this.queries = queries;
    }

    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.placed(event.customerId(), StoredTime.of(message)));
    }

    @EventHandler
    void on(OrderStockReservedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.priced(event.total()));
    }

    @EventHandler
    void on(PaymentCompletedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.captured(event.amount()));
    }

    @EventHandler
    void on(PaymentRefundedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.refunded(event.amount()));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.settled(OrderStatus.CONFIRMED));
    }

    @EventHandler
    void on(OrderRejectedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.settled(OrderStatus.REJECTED));
    }

    @EventHandler
    void on(OrderCancelledEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, order -> order.settled(OrderStatus.CANCELLED));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), CustomerOrderDocument.class);
        mongo.remove(new Query(), CustomerDocument.class);
    }

    private void apply(OrderId orderId, EventMessage<?> event, Consumer<CustomerOrderDocument> change) {
        CustomerOrderDocument order = mongo.findById(orderId.value(), CustomerOrderDocument.class);
        if (order == null) {
            order = CustomerOrderDocument.startedBy(orderId);
        }
        boolean changed = !order.hasApplied(event);
        if (changed) {
            change.accept(order);
            order.recorded(event);
            mongo.save(order);
        }
        if (order.customerId() == null) {
            return;
        }
        // Summed even for a redelivered event: the crash that caused the redelivery may have come between the two writes.
        boolean totalsChanged = summarize(order.customerId());
        if (changed || totalsChanged) {
            publish(order.customerId());
        }
    }

    /** Returns whether the customer's totals changed. */
    private boolean summarize(String customerId) {
        for (int attempt = 1; ; attempt++) {
            CustomerDocument current = mongo.findById(customerId, CustomerDocument.class);
            List<CustomerOrderDocument> orders = mongo.find(Query.query(where("customerId").is(customerId)),
                                                            CustomerOrderDocument.class);
            CustomerDocument summed = CustomerDocument.summarize(customerId, orders, current);
            if (summed.hasSameFiguresAs(current)) {
                return false;
            }
            try {
                mongo.save(summed);
                return true;
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrentlyChanged) {
                if (attempt == MAX_ATTEMPTS) {
                    throw concurrentlyChanged;
                }
            }
        }
    }

    /** Each subscriber asked for a page of its own, so each gets that page again. */
    private void publish(String customerId) {
        updates.activeSubscriptions().stream()
               .map(SubscriptionQueryMessage::getPayload)
               .filter(FindCustomerQuery.class::isInstance)
               .map(FindCustomerQuery.class::cast)
               .filter(query -> query.customerId().value().equals(customerId))
               .distinct()
               .forEach(query -> queries.handle(query).ifPresent(
                       view -> updates.emit(FindCustomerQuery.class, query::equals, view)));
    }
}
