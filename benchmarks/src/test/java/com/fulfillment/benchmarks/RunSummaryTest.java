package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @AfterEach
    void clear() {
        System.getProperties().keySet().removeIf(key -> key.toString().startsWith(BenchmarkSettings.PREFIX));
    }

    @Test
    void aSampleWithoutTheSubscriptionGaugeDoesNotHideTheOthers() {
        System.setProperty("bench.shape", "closed");
        System.setProperty("bench.warmup", "0");
        OrderLog log = new OrderLog();
        log.add(confirmed(10));
        log.add(confirmed(20));
        List<ResourceSampler.Sample> samples = List.of(
                new ResourceSampler.Sample(10, 0.5, 0.6, 1e8, 5),
                // one reading of the gauge that failed (a time-out, a process restarting)
                new ResourceSampler.Sample(15, 0.5, 0.6, 1e8, Double.NaN),
                new ResourceSampler.Sample(20, 0.5, 0.6, 1e8, 7),
                // after the last order's final status: not part of the run
                new ResourceSampler.Sample(40, 0.5, 0.6, 1e8, 9));

        RunSummary summary =
                RunSummary.of(BenchmarkSettings.fromSystemProperties(), "test", log, samples, 0, "0.0", null);

        assertThat(summary.json()).contains("\"subscriptionQueriesMax\":7.0", "\"subscriptionQueriesLeftOpen\":0.0");
    }

    private static OrderLog.Entry confirmed(long at) {
        return new OrderLog.Entry(Workload.Kind.NORMAL, "order-" + at, at, at + 1, 202, "CONFIRMED", at + 5);
    }
}
