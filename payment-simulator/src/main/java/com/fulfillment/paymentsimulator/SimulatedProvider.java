package com.fulfillment.paymentsimulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated provider's books and behaviour, without HTTP. Like a real provider it keeps every charge and
 * refund under the idempotency key it was asked with, and answers a repeated request from that ledger:
 * a key charges at most once, whatever the faults did to the answers. Declines are kept too, so a repeat
 * is declined again. Faults ({@link Faults}) are read once per request and can be swapped at any time.
 * Thread-safe.
 *
 * <p>The books are kept by a {@link LedgerStore}: each charge and refund is written there before it is
 * answered, and a new provider on the same store starts from what it holds, so a charge made before a restart
 * can be refunded after it and a repeated key is answered as before. The counts of requests and faults are
 * statistics of this process only.
 */
public class SimulatedProvider {

    /** What the fault injection decided for a request before the provider looks at it. */
    public enum Admission {
        /** Handle the request. */
        PROCEED,
        /** Hard down: refuse at once. */
        DOWN,
        /** Answer with the injected 5xx without doing anything. */
        ERROR
    }

    public static final String CAPTURED = "CAPTURED";
    public static final String DECLINED = "DECLINED";

    private static final String CHARGE_PREFIX = "ch_";
    private static final String REFUND_PREFIX = "re_";

    private final Faults initialFaults;
    private final Clock clock;
    private final LedgerStore store;
    private volatile Faults faults;
    private final ConcurrentMap<String, Charge> charges = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Refund> refunds = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> chargeRequests = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final AtomicLong refusedWhileDown = new AtomicLong();
    private final AtomicLong injectedErrors = new AtomicLong();
    private final AtomicLong heldBackAnswers = new AtomicLong();

    /** A provider whose books last as long as the process. */
    public SimulatedProvider(Faults initialFaults, Clock clock) {
        this(initialFaults, clock, LedgerStore.inMemory());
    }

    /** A provider that keeps its books in {@code store} and starts from what the store holds. */
    public SimulatedProvider(Faults initialFaults, Clock clock, LedgerStore store) {
        this.initialFaults = Objects.requireNonNull(initialFaults, "faults must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.store = Objects.requireNonNull(store, "ledger store must not be null");
        this.faults = initialFaults;
        LedgerStore.Books books = store.load();
        books.charges().forEach(charge -> {
            charges.put(charge.idempotencyKey(), charge);
            lastId.accumulateAndGet(sequenceOf(charge.chargeId()), Math::max);
        });
        books.refunds().forEach(refund -> {
            refunds.put(refund.idempotencyKey(), refund);
            lastId.accumulateAndGet(sequenceOf(refund.refundId()), Math::max);
        });
    }

    public Faults faults() {
        return faults;
    }

    public Faults change(FaultChanges changes) {
        faults = faults.with(changes);
        return faults;
    }

    /** Back to the faults the simulator started with; the ledger stays. */
    public Faults resetFaults() {
        faults = initialFaults;
        return faults;
    }

    /** Counts a charge request under its key; every request counts, whatever happens to it next. */
    public void countChargeRequest(String idempotencyKey) {
        chargeRequests.computeIfAbsent(idempotencyKey, key -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Applies the faults that come before the provider handles a request: the hard-down switch, the added
     * latency (slept on the caller's thread), then the error rate.
     */
    public Admission admit() throws InterruptedException {
        Faults current = faults;
        if (current.down()) {
            refusedWhileDown.incrementAndGet();
            return Admission.DOWN;
        }
        sleep(current.latency());
        if (chance(current.errorRate())) {
            injectedErrors.incrementAndGet();
            return Admission.ERROR;
        }
        return Admission.PROCEED;
    }

    /**
     * Whether the answer to a charge just made is held back for the timeout delay, as when a provider takes
     * the money but the answer never reaches the client in time; sleeps that long if so.
     */
    public boolean holdBackAnswer() throws InterruptedException {
        Faults current = faults;
        if (!chance(current.timeoutRate())) {
            return false;
        }
        heldBackAnswers.incrementAndGet();
        sleep(current.timeoutDelay());
        return true;
    }

    public int errorStatus() {
        return faults.errorStatus();
    }

    /**
     * Authorises and captures {@code amount} for an order under {@code idempotencyKey}, or answers from the
     * ledger when the key was used before.
     *
     * @throws KeyConflictException when the key was used for another order or amount
     */
    public ChargeOutcome charge(String idempotencyKey, String orderId, BigDecimal amount, String currency) {
        boolean[] created = {false};
        // Stored inside computeIfAbsent: a concurrent request under the same key waits for the write and then
        // answers with the same charge. A write that fails stores nothing and answers nothing.
        Charge charge = charges.computeIfAbsent(idempotencyKey, key -> {
            Charge made = newCharge(key, orderId, amount, currency);
            store.charged(made);
            created[0] = true;
            return made;
        });
        if (!charge.orderId().equals(orderId) || charge.amount().compareTo(amount) != 0
            || !charge.currency().equals(currency)) {
            throw new KeyConflictException("idempotency key " + idempotencyKey + " was used for order "
                                           + charge.orderId() + " and " + charge.amount() + " " + charge.currency());
        }
        return new ChargeOutcome(charge, !created[0]);
    }

    /** The charge made under {@code idempotencyKey}, if any. */
    public Optional<Charge> findCharge(String idempotencyKey) {
        return Optional.ofNullable(charges.get(idempotencyKey));
    }

    /**
     * Gives back {@code amount} of the captured charge made under {@code chargeKey}; the refund is kept under
     * the same key, so asking again returns it instead of refunding twice.
     */
    public RefundOutcome refund(String chargeKey, BigDecimal amount, String currency) {
        Refund earlier = refunds.get(chargeKey);
        if (earlier != null) {
            return new RefundOutcome.Made(earlier, true);
        }
        Charge charge = charges.get(chargeKey);
        if (charge == null || !CAPTURED.equals(charge.status())) {
            return new RefundOutcome.Refused(404, "no captured charge under " + chargeKey);
        }
        if (!charge.currency().equals(currency) || amount.compareTo(charge.amount()) > 0) {
            return new RefundOutcome.Refused(422, "a refund of " + amount + " " + currency + " exceeds the captured "
                                                  + charge.amount() + " " + charge.currency());
        }
        boolean[] created = {false};
        Refund refund = refunds.computeIfAbsent(chargeKey, key -> {
            Refund made = new Refund(REFUND_PREFIX + lastId.incrementAndGet(), charge.chargeId(), key, amount,
                                     currency, clock.instant());
            store.refunded(made);
            created[0] = true;
            return made;
        });
        return new RefundOutcome.Made(refund, !created[0]);
    }

    /** Everything the provider did and was asked, for tests and operators. */
    public Ledger ledger() {
        List<Charge> chargeList = new ArrayList<>(charges.values());
        chargeList.sort(Comparator.comparing(Charge::at).thenComparing(Charge::chargeId));
        List<Refund> refundList = new ArrayList<>(refunds.values());
        refundList.sort(Comparator.comparing(Refund::at).thenComparing(Refund::refundId));
        Map<String, Integer> requests = new TreeMap<>();
        chargeRequests.forEach((key, count) -> requests.put(key, count.get()));
        return new Ledger(chargeList, refundList, requests,
                          refusedWhileDown.get(), injectedErrors.get(), heldBackAnswers.get());
    }

    private Charge newCharge(String key, String orderId, BigDecimal amount, String currency) {
        String id = CHARGE_PREFIX + lastId.incrementAndGet();
        String declineReason = declineReason(orderId, amount);
        return new Charge(id, key, orderId, amount, currency, declineReason == null ? CAPTURED : DECLINED,
                          declineReason, clock.instant());
    }

    private String declineReason(String orderId, BigDecimal amount) {
        Faults current = faults;
        if (current.declineOrders().contains(orderId)) {
            return "card declined for order " + orderId;
        }
        if (current.declineAbove() != null && amount.compareTo(current.declineAbove()) > 0) {
            return "amount " + amount + " exceeds the card limit of " + current.declineAbove();
        }
        if (chance(current.declineRate())) {
            return "insufficient funds";
        }
        return null;
    }

    /** The number in an id this provider gave ({@code ch_12}, {@code re_13}), so new ids continue after it. */
    private static long sequenceOf(String id) {
        return Long.parseLong(id.substring(id.indexOf('_') + 1));
    }

    private static boolean chance(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    }

    /** A charge as the provider keeps it: captured, or declined with the reason. */
    public record Charge(String chargeId, String idempotencyKey, String orderId, BigDecimal amount, String currency,
                        String status, String declineReason, Instant at) {}

    /** A refund of a captured charge, kept under the charge's key. */
    public record Refund(String refundId, String chargeId, String idempotencyKey, BigDecimal amount, String currency,
                         Instant at) {}

    /** The charge that answers a request, and whether it was made by an earlier request with the same key. */
    public record ChargeOutcome(Charge charge, boolean replayed) {}

    /** What a refund request came to. */
    public sealed interface RefundOutcome {
        record Made(Refund refund, boolean replayed) implements RefundOutcome {}

        record Refused(int status, String reason) implements RefundOutcome {}
    }

    /**
     * The provider's books: every charge and refund, how many charge requests each key got (including those
     * a fault answered), and how many requests each kind of fault answered.
     */
    public record Ledger(List<Charge> charges, List<Refund> refunds, Map<String, Integer> chargeRequestsByKey,
                         long refusedWhileDown, long injectedErrors, long heldBackAnswers) {}

    /** An idempotency key was reused for a different request. */
    public static class KeyConflictException extends RuntimeException {
        public KeyConflictException(String message) {
            super(message);
        }
    }
}
