package com.fulfillment.query;

import java.util.Arrays;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * Creates the indexes behind the read API's lists at startup. Each list filters on its leading keys and
 * sorts by the rest, ending on {@code _id} as the tie-break, so a real MongoDB reads one page off the
 * index with no sort in memory. mongo-java-server accepts the indexes and scans instead; it answers the
 * same, only more slowly as the collection grows.
 */
public final class ReadModelIndexes {

    private ReadModelIndexes() {
    }

    /**
     * Empties the collection of {@code type} for a rebuild, indexes included (recreate them after): dropping
     * it is one command, where removing its documents costs the embedded server a write per document.
     */
    public static void emptied(MongoTemplate mongo, Class<?> type) {
        mongo.dropCollection(type);
    }

    /**
     * Ensures {@code indexes} on the collection of {@code type}, dropping first the indexes of earlier
     * releases named {@code replaced} (an index cannot be redefined under its name).
     */
    public static void ensure(MongoTemplate mongo, Class<?> type, String[] replaced, Index... indexes) {
        IndexOperations operations = mongo.indexOps(type);
        operations.getIndexInfo().stream()
                  .map(IndexInfo::getName)
                  .filter(Arrays.asList(replaced)::contains)
                  .forEach(operations::dropIndex);
        for (Index index : indexes) {
            operations.ensureIndex(index);
        }
    }
}
