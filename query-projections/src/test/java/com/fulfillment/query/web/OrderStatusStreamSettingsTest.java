package com.fulfillment.query.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderStatusStreamSettingsTest {

    @Test
    void aHeartbeatThatIsNotPositiveStopsTheStartNamingTheSetting() {
        for (Duration heartbeat : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5)}) {
            assertThatThrownBy(() -> new OrderStatusStream(null, null, false, Duration.ofMinutes(30), heartbeat))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fulfillment.query.order-events-heartbeat");
        }
    }
}
