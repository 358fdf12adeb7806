package com.fulfillment.inventory.saga;

import static com.fulfillment.inventory.Orders.KEYBOARD;
import static com.fulfillment.inventory.Orders.MOUSE;
import static com.fulfillment.inventory.Orders.SCREEN;
import static com.fulfillment.inventory.Orders.paymentDeclined;
import static com.fulfillment.inventory.Orders.placedOrder;
import static com.fulfillment.inventory.saga.Stock.orderStockReserved;
import static com.fulfillment.inventory.saga.Stock.release;
import static com.fulfillment.inventory.saga.Stock.reserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.platform.CompensationGateway;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

/**
 * What the saga fixture cannot show: the status the saga reports while it runs, and that its state
 * survives the Jackson serializer a saga store writes it with between two events.
 */
class StockReservationSagaStateTest {

    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private final CommandGateway commandGateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();
    private final EventGateway eventGateway = DefaultEventGateway.builder().eventBus(eventBus).build();
    private final List<Object> published = new ArrayList<>();
    private final List<Object> compensations = new ArrayList<>();
    private final CompensationGateway compensationGateway = (orderId, command) -> compensations.add(command);

    StockReservationSagaStateTest() {
        eventBus.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(published::add));
    }

    @Test
    void theOrderIsPendingWhileItsStockIsReservedAndWaitsForItsFate() {
        StockReservationSaga saga = new StockReservationSaga();

        saga.on(placedOrder(), commandGateway, eventGateway, compensationGateway);
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);

        saga.on(reserved(KEYBOARD), eventGateway, compensationGateway);
        saga.on(reserved(MOUSE), eventGateway, compensationGateway);
        saga.on(reserved(SCREEN), eventGateway, compensationGateway);

        assertThat(published).containsExactly(orderStockReserved());
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void theOrderIsCompensatingWhileItsStockIsReleased() {
        StockReservationSaga saga = new StockReservationSaga();
        saga.on(placedOrder(), commandGateway, eventGateway, compensationGateway);
        saga.on(reserved(KEYBOARD), eventGateway, compensationGateway);

        saga.on(paymentDeclined(), compensationGateway);

        assertThat(compensations).containsExactly(release(KEYBOARD));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void theSagaCarriesOnAfterAJacksonRoundTrip() {
        StockReservationSaga saga = new StockReservationSaga();
        saga.on(placedOrder(), commandGateway, eventGateway, compensationGateway);
        saga.on(reserved(KEYBOARD), eventGateway, compensationGateway);
        saga.on(reserved(MOUSE), eventGateway, compensationGateway);

        StockReservationSaga restored = roundTrip(saga);
        restored.on(reserved(MOUSE), eventGateway, compensationGateway);
        assertThat(published).as("a repeat is still recognised after the round trip").isEmpty();
        restored.on(reserved(SCREEN), eventGateway, compensationGateway);

        assertThat(published).containsExactly(orderStockReserved());
        assertThat(restored.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void aSagaThatIsReleasingCarriesOnAfterAJacksonRoundTrip() {
        StockReservationSaga saga = new StockReservationSaga();
        saga.on(placedOrder(), commandGateway, eventGateway, compensationGateway);
        saga.on(reserved(KEYBOARD), eventGateway, compensationGateway);
        saga.on(paymentDeclined(), compensationGateway);

        StockReservationSaga restored = roundTrip(saga);
        restored.on(reserved(SCREEN), eventGateway, compensationGateway);

        assertThat(compensations).containsExactly(release(KEYBOARD), release(SCREEN));
        assertThat(restored.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(published).isEmpty();
    }

    private static StockReservationSaga roundTrip(StockReservationSaga saga) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        SerializedObject<String> serialized = serializer.serialize(saga, String.class);
        return serializer.deserialize(serialized);
    }
}
