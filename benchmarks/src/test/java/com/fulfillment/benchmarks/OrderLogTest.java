package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderLogTest {

    @Test
    void refusalsAreCountedByTheirStatusAmongTheErrors() {
        OrderLog log = new OrderLog();
        log.add(placed(202, 1));
        log.add(placed(503, 2));
        log.add(placed(503, 3));
        log.add(placed(429, 4));
        log.add(placed(500, 5));
        log.add(placed(0, 6));

        OrderLog.Window window = log.since(0, Double.NaN);

        assertThat(window.errors()).isEqualTo(5);
        assertThat(window.overloaded()).isEqualTo(2);
        assertThat(window.rateLimited()).isEqualTo(1);
    }

    private static OrderLog.Entry placed(int status, long at) {
        boolean accepted = status == 202;
        return new OrderLog.Entry(Workload.Kind.NORMAL, accepted ? "order-" + at : null, at, at + 1, status,
                                  accepted ? "CONFIRMED" : null, accepted ? at + 2 : -1);
    }
}
