package com.fulfillment.overview;

/** The order view does not know the order: an overview of it is a 404, not an outage. */
public class OrderNotFoundException extends RuntimeException {

    private final String orderId;

    public OrderNotFoundException(String orderId) {
        super("No order with id '" + orderId + "' is known.");
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
