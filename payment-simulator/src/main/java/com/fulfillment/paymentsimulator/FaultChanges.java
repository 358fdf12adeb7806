package com.fulfillment.paymentsimulator;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A change to the simulator's faults, as posted to {@code /simulator/admin}: every field left out (null)
 * stays as it is. A negative {@code declineAbove} removes the limit.
 */
public record FaultChanges(
        Long latencyMillis,
        Double errorRate,
        Integer errorStatus,
        Double timeoutRate,
        Long timeoutDelayMillis,
        Boolean down,
        BigDecimal declineAbove,
        Set<String> declineOrders,
        Double declineRate) {}
