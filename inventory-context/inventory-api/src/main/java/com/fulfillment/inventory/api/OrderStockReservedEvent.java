package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Every line of an order was reserved; carries the priced lines and the total to charge. */
@Revision("1")
public record OrderStockReservedEvent(
        OrderId orderId,
        List<PricedLine> lines,
        Money total) {}
