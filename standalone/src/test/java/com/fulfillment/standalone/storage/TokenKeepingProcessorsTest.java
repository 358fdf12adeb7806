package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.Test;

/** Which processors' token rows the startup upkeep keeps in the event database. */
class TokenKeepingProcessorsTest {

    @Test
    void onlyStreamingProcessorsOnTheEventDatabasesTokenStoreKeepTheirTokensThere() {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        Map<String, EventProcessor> processors = Map.of(
                "order-fulfillment-saga", mock(PooledStreamingEventProcessor.class),
                // switched to subscribing in the configuration: its token row, if any, is never read again
                "order-status-updates", mock(SubscribingEventProcessor.class),
                // its tokens live with the read models
                "order-view", mock(PooledStreamingEventProcessor.class));
        when(processing.eventProcessors()).thenReturn(processors);
        TokenStore eventDatabase = mock(JdbcTokenStore.class);
        when(processing.tokenStore("order-fulfillment-saga")).thenReturn(eventDatabase);
        when(processing.tokenStore("order-status-updates")).thenReturn(eventDatabase);
        when(processing.tokenStore("order-view")).thenReturn(mock(TokenStore.class));

        assertThat(EmbeddedStorageConfiguration.keepingTokensHere(processing)).containsOnly("order-fulfillment-saga");
    }
}
