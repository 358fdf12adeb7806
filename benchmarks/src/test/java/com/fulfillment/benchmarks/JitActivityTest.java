package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JIT's share of the last window, as the warm-up reads it. */
class JitActivityTest {

    private static final long SECOND = 1_000_000_000L;

    private final JitActivity jit = new JitActivity(() -> Double.NaN, Duration.ofSeconds(10));

    @Test
    void noShareUntilAWholeWindowHasBeenRead() {
        jit.record(0, 5_000);
        jit.record(6 * SECOND, 5_000);

        assertThat(jit.share()).isNaN();
        assertThat(jit.quieterThan(0.05)).as("not known to be quiet yet").isFalse();
    }

    @Test
    void theShareIsTheCompilationTimeOfTheLastWindowOverItsLength() {
        jit.record(0, 5_000);
        jit.record(10 * SECOND, 9_000);

        assertThat(jit.share()).isEqualTo(0.4);
        assertThat(jit.quieterThan(0.05)).isFalse();
    }

    @Test
    void onlyTheLastWindowCounts() {
        // busy for the first 20 s, then 300 ms of compiling in the 10 s after that
        for (int s = 0; s <= 20; s += 2) {
            jit.record(s * SECOND, 400.0 * s);
        }
        jit.record(26 * SECOND, 8_200);
        jit.record(30 * SECOND, 8_300);

        assertThat(jit.share()).isEqualTo(0.03);
        assertThat(jit.quieterThan(0.05)).isTrue();
        assertThat(jit.quieterThan(0.02)).isFalse();
    }

    @Test
    void aProcessThatDoesNotTellHoldsNothingBack() {
        jit.record(0, 5_000);
        jit.record(SECOND, Double.NaN);

        assertThat(jit.unreadable()).isTrue();
        assertThat(jit.quieterThan(0.05)).isTrue();
    }
}
