package com.fulfillment.payment.web;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.FindPaymentAttemptsQuery;
import com.fulfillment.payment.api.PaymentAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentAttemptsView.Attempt;
import com.fulfillment.payment.api.PaymentAttemptsView;
import com.fulfillment.payment.api.PaymentCapturedAfterExpiryEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundRetryRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.PaymentRetryRequestedEvent;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.payment.provider.http.HttpPaymentProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How an order's payment is going at the provider (charge attempts in {@code history}; a refund's failed attempts
 * show as the last error), for {@code GET /api/payments/{orderId}} and for {@link FindPaymentAttemptsQuery}. A
 * payment has a handful of events, so this folds its own event stream instead of keeping a read model; the
 * circuit state now comes from the provider client's circuit breaker.
 */
@Component
class PaymentAttempts {

    private final EventStore eventStore;
    private final ObjectProvider<CircuitBreakerRegistry> circuitBreakers;

    PaymentAttempts(EventStore eventStore, ObjectProvider<CircuitBreakerRegistry> circuitBreakers) {
        this.eventStore = eventStore;
        this.circuitBreakers = circuitBreakers;
    }

    @QueryHandler
    Optional<PaymentAttemptsView> handle(FindPaymentAttemptsQuery query) {
        OrderId orderId = query.orderId();
        PaymentId paymentId = PaymentId.forOrder(orderId);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(paymentId.value()).asStream().toList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Fold fold = new Fold();
        events.forEach(fold::apply);
        return Optional.of(new PaymentAttemptsView(orderId.value(), paymentId.value(), fold.status, fold.amount,
                                                   fold.history.size(), fold.lastError, fold.circuitStateSeen,
                                                   fold.nextAttemptAt, fold.providerReference, currentCircuitState(),
                                                   List.copyOf(fold.history)));
    }

    private String currentCircuitState() {
        CircuitBreakerRegistry registry = circuitBreakers.getIfAvailable();
        if (registry == null) {
            return null;
        }
        return registry.find(HttpPaymentProvider.RESILIENCE_NAME).map(breaker -> breaker.getState().name()).orElse(null);
    }

    /** The payment's events folded into what the view shows. */
    private static final class Fold {
        private PaymentStatus status;
        private Money amount;
        private String lastError;
        private String circuitStateSeen;
        private Instant nextAttemptAt;
        private String providerReference;
        private final List<Attempt> history = new ArrayList<>();

        void apply(DomainEventMessage<?> message) {
            Object event = message.getPayload();
            Instant at = message.getTimestamp();
            if (event instanceof PaymentRequestedEvent requested) {
                status = PaymentStatus.REQUESTED;
                amount = requested.amount();
                history.add(new Attempt(1, at, "PENDING", null, null));
            } else if (event instanceof PaymentRetryRequestedEvent retry) {
                nextAttemptAt = null;
                history.add(new Attempt(retry.attempt(), at, "PENDING", null, null));
            } else if (event instanceof PaymentAttemptFailedEvent failed) {
                lastError = failed.reason();
                circuitStateSeen = failed.circuitState();
                nextAttemptAt = at.plusMillis(failed.retryDelayMillis());
                settleLastAttempt("NO_ANSWER", failed.reason(), failed.circuitState());
            } else if (event instanceof PaymentCompletedEvent completed) {
                status = PaymentStatus.COMPLETED;
                providerReference = completed.providerReference();
                nextAttemptAt = null;
                settleLastAttempt("CAPTURED", null, null);
            } else if (event instanceof PaymentDeclinedEvent declined) {
                status = PaymentStatus.DECLINED;
                nextAttemptAt = null;
                settleLastAttempt("DECLINED", declined.reason(), null);
            } else if (event instanceof PaymentFailedEvent failed) {
                status = PaymentStatus.FAILED;
                lastError = failed.reason();
                nextAttemptAt = null;
                settleLastAttempt("FAILED", failed.reason(), null);
            } else if (event instanceof PaymentExpiredEvent expired) {
                status = PaymentStatus.EXPIRED;
                nextAttemptAt = null;
                settleLastAttempt("EXPIRED", expired.reason(), null);
            } else if (event instanceof PaymentCapturedAfterExpiryEvent late) {
                providerReference = late.providerReference();
                settleLastAttempt("CAPTURED_AFTER_EXPIRY", null, null);
            } else if (event instanceof PaymentRefundRequestedEvent) {
                status = PaymentStatus.REFUND_REQUESTED;
            } else if (event instanceof PaymentRefundAttemptFailedEvent failed) {
                lastError = "refund: " + failed.reason();
                circuitStateSeen = failed.circuitState();
                nextAttemptAt = at.plusMillis(failed.retryDelayMillis());
            } else if (event instanceof PaymentRefundRetryRequestedEvent) {
                nextAttemptAt = null;
            } else if (event instanceof CompensationFailedEvent refused) {
                lastError = "refund: " + refused.reason();
                nextAttemptAt = null;
            } else if (event instanceof PaymentRefundedEvent) {
                status = PaymentStatus.REFUNDED;
                nextAttemptAt = null;
            }
        }

        private void settleLastAttempt(String outcome, String error, String circuitState) {
            if (history.isEmpty()) {
                return;
            }
            Attempt last = history.remove(history.size() - 1);
            history.add(new Attempt(last.attempt(), last.requestedAt(), outcome, error, circuitState));
        }
    }
}
