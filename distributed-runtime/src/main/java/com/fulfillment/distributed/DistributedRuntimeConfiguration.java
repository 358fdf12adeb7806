package com.fulfillment.distributed;

import com.fulfillment.platform.web.ApiProblems;
import com.fulfillment.platform.web.PlatformWebConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every service of the distributed shape runs on: Axon Server for events, commands and queries
 * (axon-server-connector, configured by {@code axon.axonserver.*}), the service's own MongoDB database for
 * its tokens and sagas ({@link ServiceStorageConfiguration}), and the REST platform (correlation ids,
 * problem bodies, request size limit). A service whose handlers schedule deadlines adds
 * {@link DurableDeadlinesConfiguration}; one that handles commands adds {@link com.fulfillment.platform.CommandHandlingConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ServiceStorageConfiguration.class, PlatformWebConfiguration.class, ApiProblems.class})
public class DistributedRuntimeConfiguration {
}
