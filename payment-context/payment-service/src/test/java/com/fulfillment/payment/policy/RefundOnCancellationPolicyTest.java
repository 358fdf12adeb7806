package com.fulfillment.payment.policy;

import static com.fulfillment.payment.Orders.ORDER_ID;
import static com.fulfillment.payment.Orders.orderCancelledAfterConfirmation;
import static com.fulfillment.payment.Orders.orderCancelledWhilePending;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.payment.RecordingCompensationGateway;
import com.fulfillment.payment.RecordingCompensationGateway.Sent;
import com.fulfillment.payment.api.RefundPaymentCommand;
import org.junit.jupiter.api.Test;

class RefundOnCancellationPolicyTest {

    private final RefundOnCancellationPolicy policy = new RefundOnCancellationPolicy();
    private final RecordingCompensationGateway compensations = RecordingCompensationGateway.recordingOnly();

    @Test
    void cancellationOfAConfirmedOrderRefundsItsPaymentAsACompensation() {
        policy.on(orderCancelledAfterConfirmation(), compensations);

        assertThat(compensations.sent()).containsExactly(new Sent(
                ORDER_ID, new RefundPaymentCommand(PAYMENT_ID, "order cancelled after confirmation: changed my mind")));
    }

    @Test
    void cancellationOfAPendingOrderIsLeftToThePaymentSaga() {
        policy.on(orderCancelledWhilePending(), compensations);

        assertThat(compensations.sent()).isEmpty();
    }
}
