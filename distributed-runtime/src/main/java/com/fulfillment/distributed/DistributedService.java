package com.fulfillment.distributed;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one service of the distributed shape. A service reads the settings all services share
 * ({@value #SHARED_CONFIG}.yml, in this module) and then its own ({@code <service>.yml} and
 * {@code <service>-<profile>.yml} in its jar), never an {@code application.yml}: the four services share one
 * JVM in the end-to-end test, and each must read only its own settings there.
 */
public final class DistributedService {

    public static final String SHARED_CONFIG = "fulfillment-service";

    private DistributedService() {
    }

    /** The service's application, not started yet, so that a caller can add properties or profiles. */
    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + SHARED_CONFIG + "," + serviceName);
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
