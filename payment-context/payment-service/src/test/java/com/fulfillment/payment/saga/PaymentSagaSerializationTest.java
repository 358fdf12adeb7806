package com.fulfillment.payment.saga;

import static com.fulfillment.payment.Orders.ORDER_ID;
import static com.fulfillment.payment.Orders.orderPlaced;
import static com.fulfillment.payment.Orders.orderRejected;
import static com.fulfillment.payment.Orders.stockReserved;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.requestPayment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.payment.RecordingCompensationGateway;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** Sagas are stored as JSON between events; what the saga remembers must survive the trip. */
class PaymentSagaSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final RecordingCompensationGateway compensations = RecordingCompensationGateway.recordingOnly();

    @Test
    void sagaRemembersAClosedOrderAndAnAskedRefundAcrossSerialization() {
        PaymentSaga saga = new PaymentSaga();
        saga.on(orderPlaced());
        saga.on(stockReserved(), acceptingGateway());
        saga.on(orderRejected(), compensations);
        saga.on(paymentCompleted(), compensations);

        PaymentSaga restored = roundTrip(saga);
        restored.on(paymentCompleted(), compensations);
        restored.on(orderRejected(), compensations);

        assertThat(restored.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(compensations.sent()).hasSize(1);
    }

    @Test
    void restoredSagaRefundsALateCaptureOfAClosedOrder() {
        PaymentSaga saga = new PaymentSaga();
        saga.on(orderPlaced());
        saga.on(stockReserved(), acceptingGateway());
        saga.on(orderRejected(), compensations);

        PaymentSaga restored = roundTrip(saga);
        restored.on(paymentCompleted(), compensations);

        assertThat(restored.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(compensations.sent()).singleElement()
                                        .satisfies(sent -> assertThat(sent.orderId()).isEqualTo(ORDER_ID));
    }

    @Test
    void restoredSagaChargesThePlacedOrderOnceWhenItsStockIsReserved() {
        PaymentSaga saga = new PaymentSaga();
        saga.on(orderPlaced());
        CommandGateway gateway = acceptingGateway();

        PaymentSaga placed = roundTrip(saga);
        placed.on(stockReserved(), gateway);
        PaymentSaga reserved = roundTrip(placed);
        reserved.on(stockReserved(), gateway);

        Mockito.verify(gateway).sendAndWait(Mockito.eq(requestPayment()), Mockito.anyLong(), Mockito.any());
        Mockito.verifyNoMoreInteractions(gateway);
        assertThat(reserved.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    private static CommandGateway acceptingGateway() {
        return Mockito.mock(CommandGateway.class);
    }

    private PaymentSaga roundTrip(PaymentSaga saga) {
        SerializedObject<String> json = serializer.serialize(saga, String.class);
        return serializer.deserialize(json);
    }
}
