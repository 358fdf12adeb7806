package com.fulfillment.order.web;

import com.fulfillment.platform.metrics.ProcessorLag;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link PlacementAdmission} from {@code fulfillment.admission.*}, in both runtime shapes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class PlacementAdmissionConfiguration {

    @Bean
    PlacementAdmission placementAdmission(AdmissionProperties properties, BulkheadRegistry bulkheads,
                                          ProcessorLag processorLag) {
        BulkheadConfig inFlight = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentPlacements())
                .maxWaitDuration(properties.maxWait())
                .build();
        RateLimiterConfig perUser = RateLimiterConfig.custom()
                .limitForPeriod(properties.ordersPerUser())
                .limitRefreshPeriod(properties.ordersPerUserPeriod())
                // refused at once: a user over their limit is told when to come back, not kept waiting
                .timeoutDuration(Duration.ZERO)
                .build();
        return new PlacementAdmission(bulkheads.bulkhead(PlacementAdmission.BULKHEAD, inFlight), processorLag,
                                      properties.maxProcessorLag(), perUser, properties.retryAfter());
    }
}
