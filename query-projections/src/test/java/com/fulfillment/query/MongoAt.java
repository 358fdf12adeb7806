package com.fulfillment.query;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Objects;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A MongoDB that runs elsewhere (a container, a server), reached by its connection string, database included. */
public class MongoAt implements ReadModelDatabase {

    private final String database;
    private final MongoClient client;
    private final MongoTemplate template;

    protected MongoAt(ConnectionString connectionString) {
        this.database = Objects.requireNonNull(connectionString.getDatabase(),
                                               "the connection string must name a database");
        this.client = MongoClients.create(connectionString);
        this.template = new MongoTemplate(client, database);
    }

    public static MongoAt connect(String connectionString) {
        return new MongoAt(new ConnectionString(connectionString));
    }

    @Override
    public MongoClient client() {
        return client;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public MongoTemplate template() {
        return template;
    }

    @Override
    public void close() {
        client.close();
    }
}
