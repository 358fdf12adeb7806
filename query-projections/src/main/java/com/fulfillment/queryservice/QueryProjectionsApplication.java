package com.fulfillment.queryservice;

import com.fulfillment.distributed.DistributedRuntimeConfiguration;
import com.fulfillment.distributed.DistributedService;
import com.fulfillment.distributed.PooledProcessors;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.QueryProjectionsConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The read side as a service of the distributed shape: the projections fed from Axon Server's event store,
 * the query handlers behind Axon Server, and the read REST API ({@code GET /api/orders}, {@code /api/customers},
 * {@code /api/products}); read models, dead letters and tokens in its own MongoDB database. Settings:
 * {@value #NAME}.yml.
 *
 * <p>Not a {@code @SpringBootApplication}, nor any other {@code @Component}: the standalone app scans
 * {@code com.fulfillment} and imports the read side itself, so it must not find this class.
 */
@EnableAutoConfiguration
@Import({DistributedRuntimeConfiguration.class, QueryProjectionsConfiguration.class})
public class QueryProjectionsApplication {

    public static final String NAME = "query-projections";

    public static void main(String[] args) {
        DistributedService.run(QueryProjectionsApplication.class, NAME, args);
    }

    /** A new projection starts at the beginning of the event stream, also when Axon Server is not up yet. */
    @Bean
    ConfigurerModule projectionsStartWithoutAskingAxonServer() {
        return PooledProcessors.startingAtTheBeginning(ProcessingGroups.ALL);
    }
}
