package com.fulfillment.standalone.storage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upkeep of the embedded H2 event database: compaction while it runs ({@link EventStoreCompaction}) and, at
 * startup, upkeep of the token table ({@link TokenTable}). Finished sagas, fired
 * or cancelled deadlines need nothing here: Axon's saga store deletes a saga and its associations when it
 * ends, and db-scheduler deletes a one-time task (Axon's deadlines) once it ran.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStorageConfiguration.class);

    /** Closed with the context, before the data source it compacts. */
    @Bean(destroyMethod = "close")
    EventStoreCompaction eventStoreCompaction(DataSource dataSource, StorageProperties properties) {
        return new EventStoreCompaction(dataSource, properties.compactionWriteLimit(), properties.compactionInterval(),
                                        properties.compactionQuietInterval()).start();
    }

    /** Runs before the event processors start, so that none of them reads a token this changes. */
    @Bean
    ConfigurerModule tokenTableUpkeep(DataSource dataSource) {
        TokenTable tokens = new TokenTable(new JdbcTemplate(dataSource));
        return configurer -> configurer.onInitialize(axon -> axon.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> {
            List<String> removed = tokens.removeAllBut(keepingTokensHere(axon.eventProcessingConfiguration()));
            if (!removed.isEmpty()) {
                log.info("Removed the tokens of processors that no longer keep their tokens here: {}", removed);
            }
            int released = tokens.releaseClaims();
            if (released > 0) {
                log.info("Released {} token claims left by a process that did not stop cleanly", released);
            }
        }));
    }

    /**
     * The processors whose tokens are in this database: streaming ones whose token store is the JDBC one (a
     * subscribing processor has a token store too, but never reads or writes a token).
     */
    static Set<String> keepingTokensHere(EventProcessingConfiguration processing) {
        return processing.eventProcessors().entrySet().stream()
                         .filter(processor -> processor.getValue() instanceof StreamingEventProcessor)
                         .map(Map.Entry::getKey)
                         .filter(name -> processing.tokenStore(name) instanceof JdbcTokenStore)
                         .collect(Collectors.toSet());
    }
}
