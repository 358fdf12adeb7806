package com.fulfillment.query.order;

import static com.fulfillment.query.batch.StoredValues.date;
import static com.fulfillment.query.batch.StoredValues.list;
import static com.fulfillment.query.batch.StoredValues.money;
import static com.fulfillment.query.batch.StoredValues.name;
import static com.fulfillment.query.batch.StoredValues.putSet;

import com.fulfillment.kernel.Money;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.query.api.PaymentView;
import com.fulfillment.query.api.RefundStatus;
import com.fulfillment.query.api.RefundView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** An order's payment as stored inside its order document. */
class PaymentDocument {

    private static final Set<PaymentStatus> ENDED_WITHOUT_CAPTURE = EnumSet.of(PaymentStatus.DECLINED,
                                                                               PaymentStatus.FAILED,
                                                                               PaymentStatus.EXPIRED);

    private PaymentStatus status;
    private Money amount;
    private Money captured;
    private Money refunded;
    private String providerReference;
    private String failureReason;
    private List<RefundDocument> refunds = new ArrayList<>();

    PaymentDocument() {
        // Spring Data fills a stored payment in field by field.
    }

    void requested(Money requestedAmount) {
        status = PaymentStatus.REQUESTED;
        amount = requestedAmount;
    }

    void completed(Money capturedAmount, String reference) {
        status = PaymentStatus.COMPLETED;
        captured(capturedAmount, reference);
    }

    void endedWithout(PaymentStatus outcome, String reason) {
        status = outcome;
        failureReason = reason;
    }

    /** Money the provider took after the payment expired: held until its refund lands, the payment stays expired. */
    void capturedAfterExpiry(Money capturedAmount, String reference) {
        captured(capturedAmount, reference);
    }

    private void captured(Money capturedAmount, String reference) {
        captured = capturedAmount;
        if (amount == null) {
            amount = capturedAmount;
        }
        providerReference = reference;
    }

    void refundRequested(Money refundAmount, String reason, Instant at) {
        status = PaymentStatus.REFUND_REQUESTED;
        RefundDocument refund = new RefundDocument();
        refund.amount = refundAmount;
        refund.reason = reason;
        refund.status = RefundStatus.REQUESTED;
        refund.requestedAt = at;
        refunds.add(refund);
    }

    /** Settles the oldest open refund; a refund the provider made without a recorded request is added as made. */
    void refunded(Money refundedAmount, String reference, Instant at) {
        status = PaymentStatus.REFUNDED;
        RefundDocument refund = refunds.stream()
                                       .filter(open -> open.status == RefundStatus.REQUESTED)
                                       .findFirst()
                                       .orElseGet(() -> {
                                           RefundDocument unrequested = new RefundDocument();
                                           refunds.add(unrequested);
                                           return unrequested;
                                       });
        refund.amount = refundedAmount;
        refund.status = RefundStatus.REFUNDED;
        refund.providerReference = reference;
        refund.refundedAt = at;
        refunded = refunded == null ? refundedAmount : refunded.plus(refundedAmount);
    }

    boolean endedWithoutCapture() {
        return ENDED_WITHOUT_CAPTURE.contains(status);
    }

    boolean holdsCapturedMoney() {
        return captured != null && (refunded == null || refunded.compareTo(captured) < 0);
    }

    /** As Spring Data's mapping stores it (see {@link OrderDocument#stored}). */
    Document stored() {
        Document stored = new Document();
        putSet(stored, "status", name(status));
        putSet(stored, "amount", money(amount));
        putSet(stored, "captured", money(captured));
        putSet(stored, "refunded", money(refunded));
        putSet(stored, "providerReference", providerReference);
        putSet(stored, "failureReason", failureReason);
        putSet(stored, "refunds", list(refunds, RefundDocument::stored));
        return stored;
    }

    PaymentView toView() {
        return new PaymentView(status, amount, captured, refunded, providerReference, failureReason,
                               refunds.stream().map(RefundDocument::toView).toList());
    }

    /** One refund of the payment. */
    static class RefundDocument {

        private Money amount;
        private String reason;
        private RefundStatus status;
        private String providerReference;
        private Instant requestedAt;
        private Instant refundedAt;

        Document stored() {
            Document stored = new Document();
            putSet(stored, "amount", money(amount));
            putSet(stored, "reason", reason);
            putSet(stored, "status", name(status));
            putSet(stored, "providerReference", providerReference);
            putSet(stored, "requestedAt", date(requestedAt));
            putSet(stored, "refundedAt", date(refundedAt));
            return stored;
        }

        RefundView toView() {
            return new RefundView(amount, reason, status, providerReference, requestedAt, refundedAt);
        }
    }
}
