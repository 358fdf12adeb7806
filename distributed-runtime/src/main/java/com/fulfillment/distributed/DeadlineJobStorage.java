package com.fulfillment.distributed;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBCreator;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.storage.nosql.mongo.migrations.MongoMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's MongoDB storage, whose collections are created in the service's database on first start. One
 * kind of migration step may fail without stopping the service: replacing an index by a better one, which a
 * MongoDB-wire server that is not MongoDB (the in-memory one of the tests) may refuse. Jobs work without
 * it, only less quickly; on MongoDB itself no step fails.
 */
class DeadlineJobStorage extends MongoDBStorageProvider {

    private static final Logger log = LoggerFactory.getLogger(DeadlineJobStorage.class);

    /** MongoDB's codes for "no such index" and "command not supported". */
    private static final int INDEX_NOT_FOUND = 27;
    private static final int COMMAND_NOT_SUPPORTED = 115;

    /** JobRunr's collections are named {@code jobrunr_jobs} and so on, apart from the service's own. */
    static final String COLLECTION_PREFIX = "jobrunr_";

    DeadlineJobStorage(MongoClient client, String database) {
        super(client, database, COLLECTION_PREFIX, DatabaseOptions.CREATE);
    }

    @Override
    protected void runMigrations(MongoClient client, String database, String collectionPrefix) {
        new MongoDBCreator(client, database, collectionPrefix) {
            @Override
            protected void runMigration(MongoMigration migration) {
                try {
                    super.runMigration(migration);
                } catch (MongoCommandException refused) {
                    if (!isIndexChange(migration) || !isRefusedIndexOperation(refused)) {
                        throw refused;
                    }
                    log.warn("This MongoDB server refused JobRunr's index change {} ({}); deadlines work without it",
                             migration.getClass().getSimpleName(), refused.getErrorMessage());
                }
            }
        }.runMigrations();
    }

    private static boolean isIndexChange(MongoMigration migration) {
        return migration.getClass().getSimpleName().contains("Indices");
    }

    private static boolean isRefusedIndexOperation(MongoCommandException refused) {
        return refused.getErrorCode() == INDEX_NOT_FOUND || refused.getErrorCode() == COMMAND_NOT_SUPPORTED;
    }
}
