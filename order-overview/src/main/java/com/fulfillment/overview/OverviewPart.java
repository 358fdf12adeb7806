package com.fulfillment.overview;

/** The parts an overview gathers, each behind its own time limit and circuit breaker. */
public enum OverviewPart {

    ORDER("order"),
    PAYMENT("payment"),
    AVAILABILITY("availability");

    /** How the part is named in an overview's {@code missing} list and in its settings. */
    public final String partName;

    OverviewPart(String partName) {
        this.partName = partName;
    }

    /** The part's resilience4j circuit breaker's name, as metrics and health show it. */
    public String breakerName() {
        return "order-overview-" + partName;
    }
}
