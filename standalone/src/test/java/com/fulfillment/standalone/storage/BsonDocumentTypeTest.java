package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read models' documents are stored as BSON, and everything else, including every value of a file written
 * before, as H2 stores it.
 */
class BsonDocumentTypeTest {

    private static final String ORDERS = "order_views";

    private final BsonDocumentType type = new BsonDocumentType();

    @Test
    void storesADocumentAsItsBsonAfterATagOfItsOwn() {
        Document order = everyStoredType();
        Document other = new Document("_id", "order-2").append("status", "PENDING");
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, order);
        type.write(buffer, other);
        ByteBuffer written = buffer.getBuffer().flip();

        byte[] bson = bson(order);
        assertThat(written.get(0)).isEqualTo(BsonDocumentType.BSON_DOCUMENT);
        byte[] stored = new byte[bson.length];
        written.get(1, stored);
        assertThat(stored).as("the document's BSON, as the wire carries it").isEqualTo(bson);
        assertThat(type.read(written)).isEqualTo(order);
        assertThat(type.read(written)).isEqualTo(other);
        assertThat(written.hasRemaining()).isFalse();
        assertThat(type.getMemory(order)).as("its heap, which H2 sizes pages by, not its BSON")
                                         .isGreaterThan(2 * bson.length)
                                         .isGreaterThan(type.getMemory(other));
    }

    @Test
    void readsWhatH2WroteAndWritesEverythingButDocumentsAsH2Does() {
        ObjectDataType h2 = new ObjectDataType();
        List<Object> values = List.of(new Document("_id", "order-1").append("total", new BigDecimal("12.50")),
                                      "order-1", 42L, new Document("_id", "customer-1").append("orders", 3));
        WriteBuffer byH2 = new WriteBuffer();
        values.forEach(value -> h2.write(byH2, value));
        ByteBuffer written = byH2.getBuffer().flip();
        List<Object> read = new ArrayList<>();
        values.forEach(value -> read.add(type.read(written)));
        assertThat(read).isEqualTo(values);

        WriteBuffer byType = new WriteBuffer();
        type.write(byType, "order-1");
        type.write(byType, 42L);
        WriteBuffer again = new WriteBuffer();
        h2.write(again, "order-1");
        h2.write(again, 42L);
        assertThat(byType.getBuffer().flip()).isEqualTo(again.getBuffer().flip());
    }

    @Test
    void keepsADocumentWithAValueBsonHasNoTypeForAsH2Does() {
        Document document = new Document("_id", "order-1").append("placedAt", new Date(1_000L));
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);
        ByteBuffer written = buffer.getBuffer().flip();

        assertThat(written.get(0)).isNotEqualTo(BsonDocumentType.BSON_DOCUMENT);
        assertThat(new ObjectDataType().read(written.duplicate())).isEqualTo(document);
        assertThat(type.read(written)).isEqualTo(document);
    }

    /**
     * A file the plain backend wrote (documents Java-serialized) opens as it is: every document is found and
     * changed, the collections' maps store documents as BSON from then on, and the file reopens with old and new
     * pages side by side.
     */
    @Test
    void aFileOfThePlainBackendOpensAndItsChangedDocumentsAreStoredAsBson(@TempDir Path dir) {
        Path file = dir.resolve("read-models.mv");
        withOrders(new H2Backend(file.toString()), orders -> {
            for (int i = 0; i < 2_000; i++) {
                orders.insertOne(new org.bson.Document("_id", "order-" + i).append("status", "PENDING")
                                                                          .append("lines", List.of("p-" + i % 7)));
            }
        });

        ReadModelStore store = ReadModelStore.open(file, Duration.ofMinutes(1));
        MVStore maps = store.getMvStore();
        withOrders(store, orders -> {
            assertThat(orders.countDocuments()).isEqualTo(2_000);
            assertThat(orders.updateMany(Filters.in("_id", "order-1", "order-500", "order-1999"),
                                         Updates.set("status", "CONFIRMED")).getModifiedCount()).isEqualTo(3);
            orders.insertOne(new org.bson.Document("_id", "order-new").append("status", "PENDING"));
            assertThat(maps.getMapNames()).filteredOn(name -> name.startsWith("databases."))
                                          .isNotEmpty()
                                          .allSatisfy(name -> assertThat(maps.openMap(name).getValueType())
                                                  .isInstanceOf(BsonDocumentType.class));
        });

        withOrders(ReadModelStore.open(file, Duration.ofMinutes(1)), orders -> {
            assertThat(orders.countDocuments()).isEqualTo(2_001);
            assertThat(orders.find(Filters.eq("status", "CONFIRMED")).map(order -> order.getString("_id"))
                             .into(new ArrayList<>())).containsExactlyInAnyOrder("order-1", "order-500", "order-1999");
            assertThat(orders.find(Filters.eq("_id", "order-1234")).first())
                    .isEqualTo(new org.bson.Document("_id", "order-1234").append("status", "PENDING")
                                                                         .append("lines", List.of("p-2")));
            assertThat(orders.find(Filters.eq("_id", "order-new")).first()).isNotNull();
        });
    }

    /** Every kind of value the embedded server keeps in a document it decoded from the wire. */
    private static Document everyStoredType() {
        return new Document("_id", "order-1")
                .append("status", "CONFIRMED")
                .append("lineCount", 3)
                .append("position", 9_876_543_210L)
                .append("rate", 0.25)
                .append("paid", true)
                .append("cancelledAt", null)
                .append("placedAt", Instant.ofEpochMilli(1_765_000_000_123L))
                .append("total", Decimal128.fromNumber(new BigDecimal("12.50")))
                .append("objectId", new ObjectId())
                .append("uuid", UUID.randomUUID())
                .append("bytes", new BinData(new byte[] {1, 2, 3}))
                .append("payment", new Document("status", "CAPTURED").append("amount", "12.50"))
                .append("lines", List.of(new Document("productId", "p-1").append("quantity", 2), "note", 7L));
    }

    private static byte[] bson(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, buffer);
        return ByteBufUtil.getBytes(buffer);
    }

    private static void withOrders(H2Backend backend, Consumer<MongoCollection<org.bson.Document>> use) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            use.accept(mongo.getDatabase("views").getCollection(ORDERS));
        } finally {
            server.shutdown();
        }
    }
}
