package com.fulfillment.inventory.policy;

import com.fulfillment.inventory.api.ReturnStockCommand;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.platform.CompensationGateway;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the rule "stock sold to an order that is then cancelled goes back on hand". Only a confirmed
 * order had its stock sold; a pending order's reservation is released by the
 * {@link com.fulfillment.inventory.saga.StockReservationSaga}, which is still running for it.
 */
@ProcessingGroup(ReturnStockOnCancellationPolicy.PROCESSING_GROUP)
public class ReturnStockOnCancellationPolicy {

    public static final String PROCESSING_GROUP = "inventory-policies";

    /** Returns each product once, in reverse line order, as every compensation undoes in reverse. */
    @EventHandler
    public void on(OrderCancelledEvent event, CompensationGateway compensationGateway) {
        if (event.previousStatus() != OrderStatus.CONFIRMED) {
            return;
        }
        OrderId orderId = event.orderId();
        for (ProductId product : productsInReverse(event.lines())) {
            compensationGateway.send(orderId, new ReturnStockCommand(product, orderId));
        }
    }

    // A product keeps one sale per order, so a product named on two lines is returned once.
    private static List<ProductId> productsInReverse(List<OrderLine> lines) {
        List<ProductId> products = new ArrayList<>(
                new LinkedHashSet<>(lines.stream().map(OrderLine::productId).toList()));
        Collections.reverse(products);
        return products;
    }
}
