package com.fulfillment.paymentsimulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the simulator does wrong, and which charges it declines; see {@link SimulatorProperties} for each
 * field. Immutable: the admin endpoint swaps in a new one.
 */
public record Faults(
        Duration latency,
        double errorRate,
        int errorStatus,
        double timeoutRate,
        Duration timeoutDelay,
        boolean down,
        BigDecimal declineAbove,
        Set<String> declineOrders,
        double declineRate) {

    public Faults {
        Objects.requireNonNull(latency, "latency must not be null");
        Objects.requireNonNull(timeoutDelay, "timeout delay must not be null");
        if (latency.isNegative() || timeoutDelay.isNegative()) {
            throw new IllegalArgumentException("latency and timeout delay must not be negative");
        }
        requireShare(errorRate, "errorRate");
        requireShare(timeoutRate, "timeoutRate");
        requireShare(declineRate, "declineRate");
        if (errorStatus < 500 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be a 5xx status, was " + errorStatus);
        }
        declineOrders = declineOrders == null ? Set.of() : Set.copyOf(declineOrders);
    }

    /** A provider that answers at once and approves everything. */
    public static Faults none() {
        return new Faults(Duration.ZERO, 0, 500, 0, Duration.ofSeconds(10), false, null, Set.of(), 0);
    }

    /** These faults with every field that {@code changes} sets replaced. */
    Faults with(FaultChanges changes) {
        return new Faults(
                changes.latencyMillis() != null ? Duration.ofMillis(changes.latencyMillis()) : latency,
                changes.errorRate() != null ? changes.errorRate() : errorRate,
                changes.errorStatus() != null ? changes.errorStatus() : errorStatus,
                changes.timeoutRate() != null ? changes.timeoutRate() : timeoutRate,
                changes.timeoutDelayMillis() != null ? Duration.ofMillis(changes.timeoutDelayMillis()) : timeoutDelay,
                changes.down() != null ? changes.down() : down,
                changes.declineAbove() != null ? (changes.declineAbove().signum() < 0 ? null : changes.declineAbove())
                                               : declineAbove,
                changes.declineOrders() != null ? changes.declineOrders() : declineOrders,
                changes.declineRate() != null ? changes.declineRate() : declineRate);
    }

    /** These faults in the shape the admin endpoint takes, every field set. */
    FaultChanges asChanges() {
        return new FaultChanges(latency.toMillis(), errorRate, errorStatus, timeoutRate, timeoutDelay.toMillis(), down,
                                declineAbove, declineOrders, declineRate);
    }

    private static void requireShare(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
