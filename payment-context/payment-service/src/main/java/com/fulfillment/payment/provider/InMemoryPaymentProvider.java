package com.fulfillment.payment.provider;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A payment provider kept in memory, for the standalone runtime, demos and tests. Its behaviour can be
 * changed while the system runs: a default answer, a limit above which charges are declined, and a
 * per-order answer that wins over both. It keeps a ledger like a real provider's idempotency store: a
 * charge or refund repeated under the same payment id returns the first answer and never moves money
 * twice. A {@link ChargeResult.Failed} or {@link ChargeResult.Unavailable} charge or a {@link RefundResult.Failed}
 * refund is not kept, because nothing happened at the provider, so asking again may succeed. All methods
 * are thread-safe.
 */
public class InMemoryPaymentProvider implements PaymentProvider {

    /** How the provider answers a charge that no rule decides. */
    public enum Behaviour {
        APPROVE,
        DECLINE,
        FAIL,
        /** Gives no answer, as an unreachable provider: the caller is to ask again later. */
        UNAVAILABLE
    }

    /** Currency of the totals while the ledger is still empty. */
    public static final String DEFAULT_CURRENCY = "EUR";

    private final Behaviour initialBehaviour;

    // Every field below is guarded by this instance's monitor.
    private Behaviour defaultBehaviour;
    private Money declineAbove;
    private final Map<OrderId, Behaviour> orderBehaviours = new HashMap<>();
    private boolean refundsFail;
    private boolean chargesPaused;
    private int pausedCharges;
    private final Map<PaymentId, Charge> charges = new LinkedHashMap<>();
    private final Map<PaymentId, Refund> refunds = new LinkedHashMap<>();
    private final Map<PaymentId, Integer> chargeAttempts = new HashMap<>();
    private final Map<PaymentId, Integer> refundAttempts = new HashMap<>();
    private long lastReference;

    public InMemoryPaymentProvider() {
        this(Behaviour.APPROVE);
    }

    public InMemoryPaymentProvider(Behaviour defaultBehaviour) {
        this.initialBehaviour = Objects.requireNonNull(defaultBehaviour, "behaviour must not be null");
        this.defaultBehaviour = defaultBehaviour;
    }

    @Override
    public synchronized ChargeResult charge(ChargeRequest request) {
        chargeAttempts.merge(request.paymentId(), 1, Integer::sum);
        awaitChargesResumed();
        Charge earlier = charges.get(request.paymentId());
        if (earlier != null) {
            return earlier.result();
        }
        ChargeResult result = answer(request);
        if (!(result instanceof ChargeResult.Failed) && !(result instanceof ChargeResult.Unavailable)) {
            charges.put(request.paymentId(), new Charge(request, result));
        }
        return result;
    }

    @Override
    public synchronized RefundResult refund(RefundRequest request) {
        refundAttempts.merge(request.paymentId(), 1, Integer::sum);
        Refund earlier = refunds.get(request.paymentId());
        if (earlier != null) {
            return earlier.result();
        }
        if (refundsFail) {
            return new RefundResult.Failed("the in-memory provider is refusing refunds");
        }
        Charge charge = charges.get(request.paymentId());
        if (charge == null || !charge.captured()) {
            return new RefundResult.Failed("no captured charge under " + request.paymentId());
        }
        Money captured = charge.request().amount();
        if (!captured.currency().equals(request.amount().currency()) || request.amount().compareTo(captured) > 0) {
            return new RefundResult.Failed("a refund of " + request.amount() + " exceeds the captured " + captured);
        }
        RefundResult.Refunded refunded = new RefundResult.Refunded("refund-" + nextReference());
        refunds.put(request.paymentId(), new Refund(request, refunded));
        return refunded;
    }

    /** Answers every charge that no other rule decides with {@code behaviour}. */
    public synchronized InMemoryPaymentProvider behaveByDefault(Behaviour behaviour) {
        defaultBehaviour = Objects.requireNonNull(behaviour, "behaviour must not be null");
        return this;
    }

    /** Declines charges of more than {@code limit} (in the limit's currency), unless the order has its own answer. */
    public synchronized InMemoryPaymentProvider declineAbove(Money limit) {
        declineAbove = Objects.requireNonNull(limit, "limit must not be null");
        return this;
    }

    /** Answers charges for {@code orderId} with {@code behaviour}, whatever the other rules say. */
    public synchronized InMemoryPaymentProvider behaveFor(OrderId orderId, Behaviour behaviour) {
        orderBehaviours.put(Objects.requireNonNull(orderId, "order id must not be null"),
                            Objects.requireNonNull(behaviour, "behaviour must not be null"));
        return this;
    }

    /** While {@code fail} is true every new refund is refused, as a provider refuses one it will not make. */
    public synchronized InMemoryPaymentProvider failRefunds(boolean fail) {
        refundsFail = fail;
        return this;
    }

    /** Holds every charge until {@link #resumeCharges()}, so that a payment outcome can arrive late. */
    public synchronized InMemoryPaymentProvider pauseCharges() {
        chargesPaused = true;
        return this;
    }

    public synchronized InMemoryPaymentProvider resumeCharges() {
        chargesPaused = false;
        notifyAll();
        return this;
    }

    /** Back to the behaviour it was created with: no limit, no per-order answers, refunds work, charges flow. The ledger stays. */
    public synchronized InMemoryPaymentProvider resetRules() {
        defaultBehaviour = initialBehaviour;
        declineAbove = null;
        orderBehaviours.clear();
        refundsFail = false;
        return resumeCharges();
    }

    /** Money taken so far, refunded or not; in {@link #DEFAULT_CURRENCY} while nothing was taken. */
    public synchronized Money capturedTotal() {
        return sum(charges.values().stream().filter(Charge::captured).map(c -> c.request().amount()).toList());
    }

    public synchronized Money capturedTotal(String currency) {
        return sumIn(currency, charges.values().stream().filter(Charge::captured).map(c -> c.request().amount()).toList());
    }

    /** Money given back so far; in {@link #DEFAULT_CURRENCY} while nothing was refunded. */
    public synchronized Money refundedTotal() {
        return sum(refunds.values().stream().map(r -> r.request().amount()).toList());
    }

    public synchronized Money refundedTotal(String currency) {
        return sumIn(currency, refunds.values().stream().map(r -> r.request().amount()).toList());
    }

    /** How many times money was taken under {@code paymentId}: 0 or 1, however often it was asked. */
    public synchronized int chargeCount(PaymentId paymentId) {
        Charge charge = charges.get(paymentId);
        return charge != null && charge.captured() ? 1 : 0;
    }

    /** How many times a charge under {@code paymentId} was asked for, including repeats. */
    public synchronized int chargeAttempts(PaymentId paymentId) {
        return chargeAttempts.getOrDefault(paymentId, 0);
    }

    /** How many times money was given back under {@code paymentId}: 0 or 1. */
    public synchronized int refundCount(PaymentId paymentId) {
        return refunds.containsKey(paymentId) ? 1 : 0;
    }

    /** How many times a refund under {@code paymentId} was asked for, including repeats and failures. */
    public synchronized int refundAttempts(PaymentId paymentId) {
        return refundAttempts.getOrDefault(paymentId, 0);
    }

    /** Charges currently held by {@link #pauseCharges()}. */
    public synchronized int pausedCharges() {
        return pausedCharges;
    }

    private ChargeResult answer(ChargeRequest request) {
        Behaviour forOrder = orderBehaviours.get(request.orderId());
        if (forOrder == null && exceedsLimit(request.amount())) {
            return new ChargeResult.Declined("amount " + request.amount() + " exceeds the limit of " + declineAbove);
        }
        return switch (forOrder != null ? forOrder : defaultBehaviour) {
            case APPROVE -> new ChargeResult.Approved("charge-" + nextReference());
            case DECLINE -> new ChargeResult.Declined("declined by the in-memory provider");
            case FAIL -> new ChargeResult.Failed("the in-memory provider is unavailable");
            case UNAVAILABLE -> new ChargeResult.Unavailable("the in-memory provider did not answer");
        };
    }

    private boolean exceedsLimit(Money amount) {
        return declineAbove != null
               && declineAbove.currency().equals(amount.currency())
               && amount.compareTo(declineAbove) > 0;
    }

    private void awaitChargesResumed() {
        pausedCharges++;
        try {
            while (chargesPaused) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Thrown rather than answered as Failed: the caller retries later instead of failing the payment.
            throw new IllegalStateException("charge interrupted while the provider was paused", e);
        } finally {
            pausedCharges--;
        }
    }

    private long nextReference() {
        return ++lastReference;
    }

    private static Money sum(List<Money> amounts) {
        if (amounts.isEmpty()) {
            return Money.zero(DEFAULT_CURRENCY);
        }
        String currency = amounts.get(0).currency();
        if (amounts.stream().anyMatch(m -> !m.currency().equals(currency))) {
            throw new IllegalStateException("the ledger holds several currencies; ask for the total in one of them");
        }
        return sumIn(currency, amounts);
    }

    private static Money sumIn(String currency, List<Money> amounts) {
        return amounts.stream()
                      .filter(m -> m.currency().equals(currency))
                      .reduce(Money.zero(currency), Money::plus);
    }

    private record Charge(ChargeRequest request, ChargeResult result) {
        boolean captured() {
            return result instanceof ChargeResult.Approved;
        }
    }

    private record Refund(RefundRequest request, RefundResult.Refunded result) {}
}
