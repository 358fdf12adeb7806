package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An order could not be reserved in full; every partial reservation is being released. */
@Revision("1")
public record OrderStockRejectedEvent(
        OrderId orderId,
        List<Shortage> shortages) {}
