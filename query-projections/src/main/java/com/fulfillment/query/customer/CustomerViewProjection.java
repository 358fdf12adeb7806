package com.fulfillment.query.customer;

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
import com.fulfillment.query.ProjectionProperties;
import com.fulfillment.query.ReadModelIndexes;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.api.FindCustomerQuery;
import com.fulfillment.query.batch.BatchedWrites;
import com.fulfillment.query.batch.DocumentBatch;
import com.fulfillment.query.batch.DocumentCollection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each customer's order history and totals. Sequenced on the order id like the order view, so
 * one order's events apply in order. A batch of events is folded into its orders in memory; what that
 * changed of each order is then added to its customer's totals (see {@link CustomerDocument} for how
 * that stays right after a crash between the two writes), each customer written once, then each order.
 * The processor runs one segment, so it is the only writer of a customer's totals (see
 * {@code QueryProjectionsConfiguration#CUSTOMER_VIEW_SEGMENTS}).
 */
@Component
@ProcessingGroup(ProcessingGroups.CUSTOMER_VIEW)
public class CustomerViewProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;
    private final CustomerViewQueries queries;
    private final DocumentCollection<CustomerOrderDocument> orders;
    private final DocumentCollection<CustomerDocument> customers;

    public CustomerViewProjection(MongoTemplate mongo, QueryUpdateEmitter updates, CustomerViewQueries queries,
                                  ProjectionProperties settings) {
        this.mongo = mongo;
        this.updates = updates;
        this.queries = queries;
        this.orders = new DocumentCollection<>(mongo, CustomerOrderDocument.class,
                                               id -> CustomerOrderDocument.startedBy(OrderId.of(id)),
                                               settings.documentCache());
        this.customers = new DocumentCollection<>(mongo, CustomerDocument.class, CustomerDocument::of,
                                                  settings.documentCache());
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
        ReadModelIndexes.emptied(mongo, CustomerOrderDocument.class);
        ReadModelIndexes.emptied(mongo, CustomerDocument.class);
        orders.forgetAll();
        customers.forgetAll();
        CustomerViewQueries.createIndexes(mongo);
    }

    private void apply(OrderId orderId, EventMessage<?> event, Consumer<CustomerOrderDocument> change) {
        BatchedWrites.<CustomerBatch>into(this, CustomerBatch::new,
                                          batch -> batch.orders.add(orderId.value(), event, order -> {
                                              change.accept(order);
                                              order.recorded(event);
                                          }));
    }

    /** One batch's changes: its orders, then their customers' totals. */
    private final class CustomerBatch implements BatchedWrites.Buffer {

        private final DocumentBatch<CustomerOrderDocument> orders =
                new DocumentBatch<>(CustomerViewProjection.this.orders, order -> null);

        @Override
        public void flush() {
            Map<String, CustomerOrderDocument> changed = orders.fold();
            if (changed.isEmpty()) {
                return;
            }
            Set<String> customerIds = new LinkedHashSet<>();
            changed.values().stream().map(CustomerOrderDocument::customerId).filter(id -> id != null)
                   .forEach(customerIds::add);
            Map<String, CustomerDocument> stored = customers.load(customerIds);
            Map<String, Long> orderVersions = storedVersionsOfMarkedOrders(stored.values());
            Map<String, CustomerDocument> toWrite = new LinkedHashMap<>();
            stored.values().forEach(customer -> {
                if (customer.forgetWritten(orderId -> orderVersions.getOrDefault(orderId, 0L))) {
                    toWrite.put(customer.documentId(), customer);
                }
            });
            for (CustomerOrderDocument order : changed.values()) {
                if (order.customerId() == null) {
                    continue;
                }
                CustomerDocument customer = stored.computeIfAbsent(order.customerId(), customers::start);
                if (customer.count(order)) {
                    toWrite.put(customer.documentId(), customer);
                }
                order.reported(order.contribution());
            }
            // The totals first: see CustomerDocument for why this order survives a crash in between.
            customers.write(toWrite.values());
            CustomerViewProjection.this.orders.write(changed.values());
            if (!updates.activeSubscriptions().isEmpty()) {
                customerIds.forEach(CustomerViewProjection.this::publish);
            }
        }

        /** The versions of the order documents the customers' markers name, read in one find where this batch did not read them. */
        private Map<String, Long> storedVersionsOfMarkedOrders(Iterable<CustomerDocument> loaded) {
            Map<String, Long> versions = new HashMap<>();
            Set<String> unread = new LinkedHashSet<>();
            for (CustomerDocument customer : loaded) {
                for (String orderId : customer.markedOrders()) {
                    CustomerOrderDocument read = orders.touched().get(orderId);
                    if (read != null) {
                        versions.put(orderId, read.storedVersion());
                    } else {
                        unread.add(orderId);
                    }
                }
            }
            versions.putAll(CustomerViewProjection.this.orders.storedVersions(unread));
            return versions;
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
