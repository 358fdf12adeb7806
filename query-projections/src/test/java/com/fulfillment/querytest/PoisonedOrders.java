package com.fulfillment.querytest;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.query.ProcessingGroups;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** A handler in the order view's group that fails on the placement of the orders a test poisons, until it cures them. */
@Component
@ProcessingGroup(ProcessingGroups.ORDER_VIEW)
public class PoisonedOrders {

    private final Set<OrderId> poisoned = ConcurrentHashMap.newKeySet();

    public void poison(OrderId orderId) {
        poisoned.add(orderId);
    }

    public void cure(OrderId orderId) {
        poisoned.remove(orderId);
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        if (poisoned.contains(event.orderId())) {
            throw new IllegalStateException("order " + event.orderId() + " is poisoned");
        }
    }
}
