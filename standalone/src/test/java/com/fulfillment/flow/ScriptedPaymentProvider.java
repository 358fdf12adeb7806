package com.fulfillment.flow;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider whose answer per order is decided up front, with its own ledger of what it captured and
 * refunded, so a test can compare the provider's books with the event store.
 */
class ScriptedPaymentProvider implements PaymentProvider {

    private final Set<OrderId> declined = ConcurrentHashMap.newKeySet();
    private final Set<OrderId> failing = ConcurrentHashMap.newKeySet();
    private final Map<PaymentId, Money> captured = new ConcurrentHashMap<>();
    private final Map<PaymentId, Money> refunded = new ConcurrentHashMap<>();

    void decline(OrderId orderId) {
        declined.add(orderId);
    }

    void fail(OrderId orderId) {
        failing.add(orderId);
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        if (declined.contains(request.orderId())) {
            return new ChargeResult.Declined("card declined");
        }
        if (failing.contains(request.orderId())) {
            return new ChargeResult.Failed("provider error 500");
        }
        captured.putIfAbsent(request.paymentId(), request.amount());
        return new ChargeResult.Approved("charge-" + request.paymentId());
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        refunded.putIfAbsent(request.paymentId(), request.amount());
        return new RefundResult.Refunded("refund-" + request.paymentId());
    }

    Money netCaptured(String currency) {
        Money total = Money.zero(currency);
        for (Money amount : captured.values()) {
            total = total.plus(amount);
        }
        for (Money amount : refunded.values()) {
            total = total.minus(amount);
        }
        return total;
    }
}
