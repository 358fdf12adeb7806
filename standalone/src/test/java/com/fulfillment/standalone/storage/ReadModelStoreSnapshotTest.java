package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a query answers is a snapshot of the documents. The backend answers a query under its collection's lock, but
 * its answer goes out afterwards, on the server's thread, while the next command may already update a document of
 * it: the backend updates a stored document in place, so an answer holding the stored instance was sent half
 * updated or failed to encode ({@code ConcurrentModificationException}, seen under load), and its client read it
 * again.
 */
class ReadModelStoreSnapshotTest {

    /** The connection the commands come on (the backend keeps each one's last error). */
    private static final Channel CLIENT = new EmbeddedChannel();

    @Test
    void aDocumentAQueryAnsweredIsNotChangedByAnUpdateAfterIt(@TempDir Path dir) {
        try (ReadModelStore store = ReadModelStore.open(dir.resolve("read-models.mv"), Duration.ofMinutes(1))) {
            command(store, "insert", new Document("insert", "views").append("documents", List.of(
                    new Document("_id", "order-1").append("status", "PENDING"))));
            Document answered = firstBatch(command(store, "find", new Document("find", "views")
                    .append("filter", new Document("_id", "order-1")))).get(0);
            Document scanned = firstBatch(command(store, "find", new Document("find", "views")
                    .append("filter", new Document("status", "PENDING")))).get(0);

            command(store, "update", new Document("update", "views").append("updates", List.of(
                    new Document("q", new Document("_id", "order-1"))
                            .append("u", new Document("_id", "order-1").append("status", "CONFIRMED")
                                                                      .append("confirmedBy", "payment")))));

            Document expected = new Document("_id", "order-1").append("status", "PENDING");
            assertThat(answered).as("found by its id").isEqualTo(expected);
            assertThat(scanned).as("found by a scan").isEqualTo(expected);
            assertThat(firstBatch(command(store, "find", new Document("find", "views")
                    .append("filter", new Document("_id", "order-1")))))
                    .as("the update stored")
                    .containsExactly(new Document("_id", "order-1").append("status", "CONFIRMED")
                                                                   .append("confirmedBy", "payment"));
        }
    }

    private static Document command(ReadModelStore store, String name, Document command) {
        Document answer = store.handleCommand(CLIENT, "fulfillment", name, command);
        assertThat(answer.get("ok")).as("%s answered %s", name, answer).isEqualTo(1.0);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> firstBatch(Document answer) {
        return (List<Document>) ((Document) answer.get("cursor")).get("firstBatch");
    }
}
