package com.fulfillment.payment.config;

import com.fulfillment.payment.provider.http.HttpPaymentProvider;
import com.fulfillment.payment.provider.http.ProviderApi;
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
 * The payment provider's API, the default ({@code fulfillment.payment.provider=http}); set it to
 * {@code in-memory} for a provider kept in the app's memory instead. With {@code fulfillment.payment.http.base-url}
 * it is a real HTTP client to that provider. Without one it is the simulator that this app serves: called in
 * this process when the app supplies a {@link ProviderApi} bean for it (the standalone app does: the same
 * answers, keys and faults without a loopback HTTP request per call), otherwise over HTTP on the app's own port.
 * Either way every call goes through the same resilience4j guards.
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
                                            TimeLimiterRegistry timeLimiters,
                                            ObjectProvider<ProviderApi> servedInThisProcess) {
        String name = HttpPaymentProvider.RESILIENCE_NAME;
        ProviderApi api = StringUtils.hasText(properties.baseUrl()) ? null : servedInThisProcess.getIfAvailable();
        if (api == null) {
            api = new ProviderApiClient(connections.restClient(), baseUrl(properties, environment));
        }
        return new HttpPaymentProvider(api, retries.retry(name), circuitBreakers.circuitBreaker(name),
                                       bulkheads.bulkhead(name), timeLimiters.timeLimiter(name),
                                       connections.callExecutor());
    }

    @Bean
    PaymentProviderHealthIndicator paymentProviderHealthIndicator(HttpPaymentProvider provider, RetryRegistry retries,
                                                                  CircuitBreakerRegistry circuitBreakers,
                                                                  BulkheadRegistry bulkheads,
                                                                  TimeLimiterRegistry timeLimiters) {
        String name = HttpPaymentProvider.RESILIENCE_NAME;
        return new PaymentProviderHealthIndicator(provider, retries.retry(name), circuitBreakers.circuitBreaker(name),
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
