package com.fulfillment.standalone.overview;

import com.fulfillment.overview.OrderOverviews;
import com.fulfillment.overview.OverviewSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The order overview's composition over this JVM's query handlers, with {@code fulfillment.overview.*}. */
@Configuration(proxyBeanMethods = false)
class OrderOverviewConfiguration {

    @Bean(destroyMethod = "close")
    OrderOverviews orderOverviews(Environment environment, ObjectProvider<CircuitBreakerRegistry> registry) {
        OverviewSettings settings = Binder.get(environment).bind("fulfillment.overview", OverviewSettings.class)
                                          .orElseGet(OverviewSettings::defaults);
        return new OrderOverviews(settings, registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults));
    }

    @Bean(destroyMethod = "close")
    InProcessOverviewSources inProcessOverviewSources(QueryGateway queries) {
        return new InProcessOverviewSources(queries);
    }
}
