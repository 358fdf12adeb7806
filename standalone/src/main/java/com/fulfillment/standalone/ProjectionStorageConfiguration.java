package com.fulfillment.standalone;

import com.fulfillment.query.ProcessingGroups;
import com.mongodb.client.MongoClient;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps each projection's token in the read models' own MongoDB database, next to the documents it
 * stands for: the embedded server (or a real MongoDB) then holds a read model together with how far it
 * got, and emptying or swapping that database makes the projections replay the event stream from its
 * start (what a projection without a token does) instead of leaving them past events they never applied. Sagas and policies keep theirs in the H2 event database
 * (Axon's default JDBC token store), where a saga step and its token commit together.
 *
 * <p>The read models' store has no transactions, and the embedded one commits its file about once a
 * second, so a token can fall behind the documents written before a crash; the projection then applies
 * some events again, which changes nothing, since every document remembers what it applied.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionStorageConfiguration {

    /** Axon's default name, spelled out so that operators and tests know where the tokens are. */
    static final String TOKEN_COLLECTION = "trackingtokens";

    @Bean
    ConfigurerModule projectionTokensNextToReadModels(MongoClient mongoClient, MongoProperties mongo) {
        DefaultMongoTemplate readModelDatabase = DefaultMongoTemplate.builder()
                .mongoDatabase(mongoClient, mongo.getMongoClientDatabase())
                .trackingTokensCollectionName(TOKEN_COLLECTION)
                .build();
        return configurer -> ProcessingGroups.ALL.forEach(group -> configurer.eventProcessing().registerTokenStore(
                group, configuration -> MongoTokenStore.builder()
                                                       .mongoTemplate(readModelDatabase)
                                                       .serializer(configuration.serializer())
                                                       .build()));
    }
}
