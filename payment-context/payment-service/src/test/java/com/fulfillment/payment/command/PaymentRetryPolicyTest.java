package com.fulfillment.payment.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentRetryPolicyTest {

    @Test
    void waitsDoubleFromTheFirstDelayUpToTheMaximum() {
        PaymentRetryPolicy policy = new PaymentRetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(3), 10);

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(60)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anotherAttemptIsAllowedOnlyBelowTheMaximum() {
        PaymentRetryPolicy policy = new PaymentRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 3);

        assertThat(policy.allowsAnotherAttemptAfter(2)).isTrue();
        assertThat(policy.allowsAnotherAttemptAfter(3)).isFalse();
    }

    @Test
    void defaultsRetryForAboutAMinute() {
        PaymentRetryPolicy defaults = PaymentRetryPolicy.defaults();

        Duration total = Duration.ZERO;
        for (int attempt = 1; defaults.allowsAnotherAttemptAfter(attempt); attempt++) {
            total = total.plus(defaults.delayAfter(attempt));
        }
        assertThat(total).isEqualTo(Duration.ofSeconds(1 + 2 + 4 + 8 + 10 * 5));
    }

    @Test
    void aMaximumShorterThanTheFirstDelayIsRefused() {
        assertThatThrownBy(() -> new PaymentRetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is shorter than the first delay");
    }

    @Test
    void fewerThanOneAttemptIsRefused() {
        assertThatThrownBy(() -> new PaymentRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max attempts must be at least 1");
    }
}
