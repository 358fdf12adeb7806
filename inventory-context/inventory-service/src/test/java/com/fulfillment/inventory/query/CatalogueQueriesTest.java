package com.fulfillment.inventory.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.FindUnknownProductsQuery;
import com.fulfillment.inventory.api.UnknownProducts;
import com.fulfillment.kernel.ProductId;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CatalogueQueriesTest {

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final CatalogueQueries queries = new CatalogueQueries(eventStore);
    private final JacksonSerializer json = JacksonSerializer.defaultSerializer();

    @Test
    void aProductIsKnownExactlyWhenItHasAnEventStream() {
        eventStore.publish(new GenericDomainEventMessage<>("Product", "sku-1", 0, "added"));

        UnknownProducts unknown = queries.handle(new FindUnknownProductsQuery(Set.of(
                ProductId.of("sku-1"), ProductId.of("sku-3"), ProductId.of("sku-2"))));

        assertThat(unknown.productIds()).containsExactly(ProductId.of("sku-2"), ProductId.of("sku-3"));
    }

    @Test
    void theAnswerKeepsItsTypesThroughTheJsonAServiceSendsItAs() {
        UnknownProducts answer = new UnknownProducts(List.of(ProductId.of("sku-9")));

        Object received = json.deserialize(json.serialize(answer, byte[].class));

        assertThat(received).isEqualTo(answer);
    }

    @Test
    void aBareListOfIdsWouldNot() {
        SerializedObject<byte[]> bare = json.serialize(List.of(ProductId.of("sku-9")), byte[].class);

        List<Object> received = json.deserialize(bare);

        assertThat(received).containsExactly("sku-9");
    }
}
