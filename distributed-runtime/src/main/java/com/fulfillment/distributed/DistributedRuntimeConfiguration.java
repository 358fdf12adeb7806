package com.fulfillment.distributed;

import com.fulfillment.platform.CommandFailureTranslation;
import com.fulfillment.platform.web.ApiProblems;
import com.fulfillment.platform.web.PlatformWebConfiguration;
import io.grpc.StatusRuntimeException;
import org.axonframework.axonserver.connector.event.util.GrpcExceptionParser;
import org.springframework.context.annotation.Bean;
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
@Import({ServiceStorageConfiguration.class, PlatformWebConfiguration.class, ApiProblems.class,
        AxonServerUnavailableProblems.class})
public class DistributedRuntimeConfiguration {

    /**
     * Axon Server refuses a second creation of an aggregate when the events are committed, as a gRPC status
     * with its error code AXONIQ-2000 in the trailers; Axon's parser turns that into the
     * {@code ConcurrencyException} it stands for, so the sender learns that the aggregate exists.
     */
    @Bean
    CommandFailureTranslation axonServerStatuses() {
        return failure -> {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof StatusRuntimeException status) {
                    return GrpcExceptionParser.parse(status);
                }
            }
            return failure;
        };
    }
}
