package com.fulfillment.query;

import com.mongodb.MongoSocketWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoCollection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A read-model database whose next bulk write to a chosen collection fails as if the process had died
 * right before it: nothing of that write is stored, everything written before it is.
 */
public final class FailingWrites extends MongoTemplate {

    private final Set<String> failNextWriteTo = new HashSet<>();

    public FailingWrites(ReadModelDatabase mongo) {
        super(mongo.client(), mongo.database());
    }

    public void failNextWriteTo(String collection) {
        failNextWriteTo.add(collection);
    }

    @Override
    @SuppressWarnings("unchecked")
    public MongoCollection<Document> getCollection(String collectionName) {
        MongoCollection<Document> collection = super.getCollection(collectionName);
        return (MongoCollection<Document>) Proxy.newProxyInstance(
                MongoCollection.class.getClassLoader(), new Class<?>[] {MongoCollection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("bulkWrite") && failNextWriteTo.remove(collectionName)) {
                        throw new MongoSocketWriteException("write to " + collectionName + " lost in a crash",
                                                            new ServerAddress(), new java.io.IOException("crash"));
                    }
                    try {
                        return method.invoke(collection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
