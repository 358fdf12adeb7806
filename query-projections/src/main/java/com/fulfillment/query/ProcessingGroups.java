package com.fulfillment.query;

import java.util.List;

/** The read models' processing groups; each runs as its own processor with its own token. */
public final class ProcessingGroups {

    public static final String ORDER_VIEW = "order-view";
    public static final String CUSTOMER_VIEW = "customer-view";
    public static final String PRODUCT_VIEW = "product-view";

    public static final List<String> ALL = List.of(ORDER_VIEW, CUSTOMER_VIEW, PRODUCT_VIEW);

    private ProcessingGroups() {
    }
}
