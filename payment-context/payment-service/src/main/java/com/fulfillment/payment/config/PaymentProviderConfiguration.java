package com.fulfillment.payment.config;

import com.fulfillment.payment.provider.http.HttpPaymentProvider;
import com.fulfillment.payment.provider.http.ProviderApiClient;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The payment provider over HTTP, the default ({@code fulfillment.payment.provider=http}); set it to
 * {@code in-memory} for a provider kept in the app's memory instead. With no
 * {@code fulfillment.payment.http.base-url} it talks to the simulator that the app serves on its own port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = PaymentProviderConfiguration.PROVIDER_PROPERTY, havingValue = "http", matchIfMissing = true)
@EnableConfigurationProperties(PaymentProviderProperties.class)
public class PaymentProviderConfiguration {

    public static final String PROVIDER_PROPERTY = "fulfillment.payment.provider";

    @Bean(destroyMethod = "close")
    ProviderConnections paymentProviderConnections(PaymentProviderProperties properties,
                                                   ObjectProvider<ObservationRegistry> observations) {
        return new ProviderConnections(properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    HttpPaymentProvider httpPaymentProvider(PaymentProviderProperties properties, ProviderConnections connections,
                                            Environment environment, RetryRegistry retries,
                                            CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads,
                                            TimeLimiterRegistry timeLimiters) {
        String name = HttpPaymentProvider.RESILIENCE_NAME;
        return new HttpPaymentProvider(new ProviderApiClient(connections.restClient(), baseUrl(properties, environment)),
                                       retries.retry(name), circuitBreakers.circuitBreaker(name),
                                       bulkheads.bulkhead(name), timeLimiters.timeLimiter(name),
                                       connections.callExecutor());
    }

    @Bean
    PaymentProviderHealthIndicator paymentProviderHealthIndicator(RetryRegistry retries,
                                                                  CircuitBreakerRegistry circuitBreakers,
                                                                  BulkheadRegistry bulkheads,
                                                                  TimeLimiterRegistry timeLimiters) {
        String name = HttpPaymentProvider.RESILIENCE_NAME;
        return new PaymentProviderHealthIndicator(retries.retry(name), circuitBreakers.circuitBreaker(name),
                                                  bulkheads.bulkhead(name), timeLimiters.timeLimiter(name));
    }

    private static Supplier<String> baseUrl(PaymentProviderProperties properties, Environment environment) {
        if (StringUtils.hasText(properties.baseUrl())) {
            String configured = properties.baseUrl();
            return () -> configured;
        }
        // The embedded simulator: this app's port is known once its web server has started.
        return () -> "http://localhost:" + environment.getProperty("local.server.port",
                                                                    environment.getProperty("server.port", "8080"))
                     + "/simulator";
    }
}
