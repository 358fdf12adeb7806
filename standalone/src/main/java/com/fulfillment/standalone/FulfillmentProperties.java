package com.fulfillment.standalone;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the standalone runtime ({@code fulfillment.*} in application.yml).
 *
 * @param dataDir           where the event store file and the embedded read-model store live
 * @param embeddedMongoPort port of the embedded MongoDB-wire server; 0 picks a free one
 * @param paymentTimeout    how long an order may stay pending before it is rejected
 * @param seedCatalogue     whether a demo catalogue is added on first start
 */
@ConfigurationProperties("fulfillment")
public record FulfillmentProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") int embeddedMongoPort,
        @DefaultValue("30s") Duration paymentTimeout,
        @DefaultValue("true") boolean seedCatalogue) {
}
