package com.fulfillment.trial;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trial stand-in keeps what a client wrote in its directory, across a restart. */
class TrialMongoDbTest {

    @TempDir
    Path dataDir;

    @Test
    void whatAClientWroteIsThereAfterARestart() throws Exception {
        try (TrialMongoDb mongo = TrialMongoDb.start("127.0.0.1", 0, dataDir);
             MongoClient client = MongoClients.create(mongo.uri())) {
            orders(client).insertOne(new Document("_id", "order-1").append("status", "CONFIRMED"));
        }

        try (TrialMongoDb mongo = TrialMongoDb.start("127.0.0.1", 0, dataDir);
             MongoClient client = MongoClients.create(mongo.uri())) {
            assertThat(mongo.file()).isEqualTo(dataDir.resolve(TrialMongoDb.DATA_FILE).toAbsolutePath());
            Document order = orders(client).find(new Document("_id", "order-1")).first();
            assertThat(order).isNotNull();
            assertThat(order.getString("status")).isEqualTo("CONFIRMED");
        }
    }

    private static MongoCollection<Document> orders(MongoClient client) {
        return client.getDatabase("query-projections").getCollection("orders");
    }
}
