package com.fulfillment.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.platform.correlation.CorrelationModule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * What every service's REST API shares: correlation ids from the edge into Axon metadata and logs, a bound
 * on request bodies, and problem bodies for every error ({@link ApiProblems}).
 */
@Configuration(proxyBeanMethods = false)
public class PlatformWebConfiguration {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${fulfillment.api.max-request-size:64KB}") DataSize maxRequestSize, ObjectMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(maxRequestSize.toBytes(), new ProblemWriter(json)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    CorrelationModule correlationModule() {
        return new CorrelationModule();
    }

    /** Replaces Axon's default origin provider; see {@link CorrelationModule}. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return CorrelationModule.correlationDataProviders().get(0);
    }

    @Bean
    CorrelationDataProvider clientCorrelationIdProvider() {
        return CorrelationModule.correlationDataProviders().get(1);
    }

    @Bean
    CorrelationDataProvider userIdProvider() {
        return CorrelationModule.correlationDataProviders().get(2);
    }

    @Bean
    InitializingBean correlationInterceptors(CommandBus commandBus, EventBus eventBus) {
        return () -> CorrelationModule.registerOn(commandBus, eventBus);
    }
}
