package com.fulfillment.order.web;

import com.fulfillment.order.api.OrderLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/orders}: who orders what. Prices are not part of it; inventory sets them. A customer
 * orders for themselves: {@code customerId} may be left out, and if given it must be their own. An operator
 * orders on a customer's behalf and must name the customer.
 */
record PlaceOrderRequest(
        @Size(max = 64) @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String customerId,
        @NotNull @Size(min = 1, max = OrderLimits.MAX_LINES) List<@NotNull @Valid Line> lines) {

    static final String IDENTIFIER = "[A-Za-z0-9._:-]+";
    static final String IDENTIFIER_MESSAGE = "must contain only letters, digits and . _ : -";

    /** One line: a product of the catalogue and how many of it. */
    record Line(
            @NotBlank @Size(max = 64) @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String productId,
            @NotNull @Min(1) @Max(OrderLimits.MAX_QUANTITY_PER_LINE) Integer quantity) {
    }
}
