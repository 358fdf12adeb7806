package com.fulfillment.gateway;

/** The services of the distributed shape that the gateway routes to, by the name their settings use. */
enum Service {

    ORDER("order-service"),
    INVENTORY("inventory-service"),
    PAYMENT("payment-service"),
    QUERY("query-projections");

    final String serviceName;

    Service(String serviceName) {
        this.serviceName = serviceName;
    }
}
