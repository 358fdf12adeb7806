package com.fulfillment.payment.config;

import com.fulfillment.payment.command.PaymentRetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a payment waits before charging again after an attempt got no answer
 * ({@code fulfillment.payment.retry.*}); these are durable retries, on the payment's deadline, on top of
 * resilience4j's quick retries inside one attempt.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentRetryConfiguration.PaymentRetryProperties.class)
public class PaymentRetryConfiguration {

    /**
     * Under Spring, Axon resolves the {@code Payment}'s handler parameters from beans, so this bean, not the
     * default that {@code PaymentContextModule} registers with the plain configuration, is the one used.
     */
    @Bean
    PaymentRetryPolicy paymentRetryPolicy(PaymentRetryProperties properties) {
        return new PaymentRetryPolicy(properties.firstDelay(), properties.maxDelay(), properties.maxAttempts());
    }

    /**
     * @param firstDelay  wait after the first attempt that got no answer
     * @param maxDelay    the wait doubles up to this
     * @param maxAttempts attempts in all before the payment fails; the order's payment deadline usually ends it first
     */
    @ConfigurationProperties("fulfillment.payment.retry")
    public record PaymentRetryProperties(
            @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("10s") Duration maxDelay,
            @DefaultValue("10") int maxAttempts) {}
}
