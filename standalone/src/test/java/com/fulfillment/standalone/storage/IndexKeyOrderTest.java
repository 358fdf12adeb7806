package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read models' index keys are ordered exactly as H2 orders them (by their serialized form), so that files
 * written before and by the plain backend are searched correctly.
 */
class IndexKeyOrderTest {

    /** Characters around every boundary of the modified UTF-8 encoding, and a few ordinary ones. */
    private static final char[] CHARACTERS = {
        'a', 'z', 'A', '0', '-', '_', '\u0000', '\u0001', '\u007F', '\u0080', '\u00E9', '\u07FF', '\u0800',
        '\u20AC', '\uD800', '\uD83D', '\uDE00', '\uDFFF', '\uE000', '\uFFFF'
    };

    /** What a BSON string keeps as it is (no lone surrogate); each encoding length, and none of them {@code \u0000}. */
    private static final char[] STORABLE = {'a', 'z', '0', '-', '\u007F', '\u0080', '\u00E9', '\u07FF', '\u0800', '\u20AC', '\uFFFD'};
    private static final String ORDERS = "order_views";

    private final ObjectDataType h2 = new ObjectDataType();
    private final IndexKeyOrder order = new IndexKeyOrder();
    private final Random random = new Random(13);

    @Test
    void ordersKeysOfOneStringAsTheirSerializedFormsAre() {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add(new KeyValue(randomString(random.nextInt(12), CHARACTERS)));
            keys.add(new KeyValue("order-" + random.nextInt(100_000)));
        }
        keys.add(new KeyValue(UUID.randomUUID().toString()));
        keys.add(new KeyValue(""));
        keys.add(new KeyValue("x".repeat(0xFFFF)));
        keys.add(new KeyValue("\u00E9".repeat(0x8000))); // 65,536 bytes: a long string, compared as H2 does
        for (int i = 0; i < 20_000; i++) {
            KeyValue a = keys.get(random.nextInt(keys.size()));
            KeyValue b = keys.get(random.nextInt(keys.size()));
            assertThat(Integer.signum(order.compare(a, b))).as("%s vs %s", a, b)
                                                           .isEqualTo(Integer.signum(h2.compare(a, b)));
        }
        List<KeyValue> sortedByH2 = new ArrayList<>(keys);
        sortedByH2.sort(h2::compare);
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(order::compare);
        assertThat(sorted).isEqualTo(sortedByH2);
    }

    @Test
    void comparesEveryOtherKeyAsH2Does() {
        List<KeyValue> keys = List.of(new KeyValue("order-1", "line-2"), new KeyValue("order-1", 2),
                                      new KeyValue(7), new KeyValue(7L), new KeyValue(new ObjectId()),
                                      new KeyValue(new ObjectId()), new KeyValue("order-1"), new KeyValue(2.5));
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(order.compare(a, b))).as("%s vs %s", a, b)
                                                               .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
        assertThat(keys.stream().sorted(order::compare).toList())
                .isEqualTo(keys.stream().sorted(h2::compare).toList());
    }

    @Test
    void writesAKeyOfOneStringAsItsCharactersAndEveryOtherKeyAsH2Does() {
        List<KeyValue> keys = new ArrayList<>(List.of(new KeyValue("order-1", "line-2"), new KeyValue(7L),
                                                      new KeyValue(new ObjectId()), new KeyValue(""),
                                                      new KeyValue("\u00E9".repeat(0x8000))));
        for (int i = 0; i < 200; i++) {
            keys.add(new KeyValue(randomString(random.nextInt(12), CHARACTERS)));
        }
        WriteBuffer written = new WriteBuffer();
        keys.forEach(key -> order.write(written, key));
        ByteBuffer read = written.getBuffer().flip();
        List<Object> readBack = new ArrayList<>();
        keys.forEach(key -> readBack.add(order.read(read)));
        assertThat(readBack).isEqualTo(keys);
        assertThat(read.hasRemaining()).isFalse();

        WriteBuffer single = new WriteBuffer();
        order.write(single, new KeyValue("order-1"));
        ByteBuffer singleBytes = single.getBuffer().flip();
        assertThat(singleBytes.get(0)).isEqualTo(IndexKeyOrder.ONE_STRING_KEY);
        assertThat(singleBytes.remaining()).as("tag, length and characters").isEqualTo(1 + 1 + "order-1".length());

        WriteBuffer byH2 = new WriteBuffer();
        keys.forEach(key -> h2.write(byH2, key));
        ByteBuffer writtenByH2 = byH2.getBuffer().flip();
        List<Object> readFromH2 = new ArrayList<>();
        keys.forEach(key -> readFromH2.add(order.read(writtenByH2)));
        assertThat(readFromH2).as("keys of a file written before").isEqualTo(keys);
    }

    @Test
    void aFileOfThePlainBackendIsSearchedThroughItsIndexesAndTheirMapsTakeThisOrder(@TempDir Path dir) {
        Path file = dir.resolve("read-models.mv");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            ids.add(i % 3 == 0 ? randomString(1 + random.nextInt(20), STORABLE) : "order-" + UUID.randomUUID());
        }
        List<String> distinctIds = ids.stream().distinct().toList();
        withViews(new H2Backend(file.toString()), database -> distinctIds.forEach(
                id -> database.getCollection(ORDERS).insertOne(new Document("_id", id).append("status", "PENDING"))));

        ReadModelStore store = ReadModelStore.open(file, Duration.ofMinutes(1));
        MVStore maps = store.getMvStore();
        withViews(store, database -> {
            MongoCollection<Document> views = database.getCollection(ORDERS);
            for (String id : distinctIds) {
                assertThat(views.find(Filters.eq("_id", id)).first()).as("document %s", id).isNotNull();
                views.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("status", "CONFIRMED"),
                                 new ReplaceOptions().upsert(true));
            }
            views.insertOne(new Document("_id", "order-new").append("status", "PENDING"));
            assertThat(views.countDocuments()).isEqualTo(distinctIds.size() + 1);
            assertThat(views.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(distinctIds.size());
            database.getCollection("customer_views").insertOne(new Document("_id", "alice"));
            List<String> indexMaps = maps.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexMaps).as("the unique indexes' maps, existing and created now")
                                 .containsExactlyInAnyOrder("views.order_views._index__id_",
                                                            "views.customer_views._index__id_")
                                 .allSatisfy(name -> assertThat(maps.openMap(name).getKeyType())
                                         .isInstanceOf(IndexKeyOrder.class));
        });

        withViews(ReadModelStore.open(file, Duration.ofMinutes(1)), database -> {
            MongoCollection<Document> views = database.getCollection(ORDERS);
            assertThat(views.countDocuments()).isEqualTo(distinctIds.size() + 1);
            for (String id : distinctIds.subList(0, 500)) {
                Document document = views.find(Filters.eq("_id", id)).first();
                assertThat(document).as("document %s", id).isNotNull();
                assertThat(document.getString("status")).isEqualTo("CONFIRMED");
            }
        });
    }

    private String randomString(int length, char[] characters) {
        StringBuilder string = new StringBuilder();
        for (int i = 0; i < length; i++) {
            string.append(characters[random.nextInt(characters.length)]);
        }
        return string.toString();
    }

    private static void withViews(H2Backend backend, Consumer<MongoDatabase> use) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            use.accept(mongo.getDatabase("views"));
        } finally {
            server.shutdown();
        }
    }
}
