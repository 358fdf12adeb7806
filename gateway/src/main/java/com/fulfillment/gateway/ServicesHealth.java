package com.fulfillment.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeReactiveHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The gateway's {@code /actuator/health} shows, under {@code services}, whether each service behind it is ready
 * (its own readiness probe: connected to Axon Server, its database answering). So one URL tells a client or an
 * operator when the whole deployment can take orders. The gateway's own readiness does not depend on them: it
 * answers for a missing service itself.
 */
@Configuration
class ServicesHealth {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    CompositeReactiveHealthContributor services(GatewaySettings settings, WebClient.Builder http) {
        WebClient client = http.build();
        Map<String, ReactiveHealthIndicator> services = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            String readiness = settings.url(service) + "/actuator/health/readiness";
            services.put(service.serviceName, () -> client.get().uri(readiness).exchangeToMono(response -> response
                            .releaseBody()
                            .thenReturn(response.statusCode().is2xxSuccessful()
                                        ? Health.up() : Health.down().withDetail("status", response.statusCode().value()))
                            .map(health -> health.withDetail("readiness", readiness).build()))
                    .timeout(PROBE_TIMEOUT)
                    .onErrorResume(failure -> Mono.just(
                            Health.down(failure).withDetail("readiness", readiness).build())));
        }
        return CompositeReactiveHealthContributor.fromMap(services);
    }
}
