package com.fulfillment.payment.provider.http;

import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The payment provider's API ({@link ProviderApi}: over HTTP, or answered in the process that serves the
 * simulator), each call guarded by resilience4j, outermost first: a circuit breaker
 * that stops calling a provider that keeps failing, a retry with exponential backoff and jitter for tries
 * that got no answer, a bulkhead bounding the tries in flight, and a time limiter bounding each try. The
 * instances are all named {@value #RESILIENCE_NAME} and configured in application.yml.
 *
 * <p>The circuit breaker counts calls, not tries: a call whose retries got an answer in the end is a
 * success, so a provider that fails now and then is ridden out by the retries, and only one that keeps
 * failing opens the circuit. (Counting every try, a 30% error rate alone would fill the breaker's window
 * past its 50% threshold again and again and shut out a provider that answers most calls.)
 *
 * <p>A decline or any other definite answer is a result, not an error: it is neither retried nor held
 * against the circuit. Whatever ends without an answer (the retries used up, the circuit open, the
 * bulkhead full) becomes {@link ChargeResult.Unavailable} (or {@link RefundResult.Unavailable}), so the
 * payment stays pending and retries later, instead of this thread waiting for the provider to come back.
 * An open circuit fails at once.
 */
public class HttpPaymentProvider implements PaymentProvider {

    /** Name of the retry, circuit breaker, bulkhead and time limiter instances in the configuration. */
    public static final String RESILIENCE_NAME = "paymentProvider";

    private final ProviderApi api;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final ExecutorService callExecutor;

    /**
     * @param callExecutor runs each HTTP call so that the time limiter can stop waiting for it; bound it,
     *                     since a call given up on still holds its thread until the socket times out
     */
    public HttpPaymentProvider(ProviderApi api, Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead,
                               TimeLimiter timeLimiter, ExecutorService callExecutor) {
        this.api = Objects.requireNonNull(api, "api client must not be null");
        this.retry = Objects.requireNonNull(retry, "retry must not be null");
        this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuit breaker must not be null");
        this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead must not be null");
        this.timeLimiter = Objects.requireNonNull(timeLimiter, "time limiter must not be null");
        this.callExecutor = Objects.requireNonNull(callExecutor, "call executor must not be null");
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        try {
            return call(() -> api.charge(request));
        } catch (CallInterruptedException interrupted) {
            throw interrupted;
        } catch (Exception noAnswer) {
            return new ChargeResult.Unavailable(describe(noAnswer), circuitState());
        }
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        try {
            return call(() -> api.refund(request));
        } catch (CallInterruptedException interrupted) {
            throw interrupted;
        } catch (Exception noAnswer) {
            return new RefundResult.Unavailable(describe(noAnswer), circuitState());
        }
    }

    /**
     * The charge the provider holds under {@code paymentId}'s idempotency key, if any: whether a charge whose
     * answer was lost went through.
     *
     * @throws ProviderUnavailableException when the provider cannot tell now
     */
    public Optional<ProviderCharge> lookUpCharge(PaymentId paymentId) {
        try {
            return call(() -> api.findCharge(paymentId));
        } catch (ProviderUnavailableException | CallInterruptedException rethrown) {
            throw rethrown;
        } catch (Exception noAnswer) {
            throw new ProviderUnavailableException(describe(noAnswer), noAnswer);
        }
    }

    /** Where the provider's API is called: its base URL, or that it answers in this process. */
    public String providerLocation() {
        return api.location();
    }

    /** The circuit breaker's state now: CLOSED, OPEN, HALF_OPEN, or a forced state. */
    public String circuitState() {
        return circuitBreaker.getState().name();
    }

    private <T> T call(Callable<T> httpCall) throws Exception {
        Callable<T> timeLimited = () -> timeLimiter.executeFutureSupplier(() -> callExecutor.submit(httpCall));
        Callable<T> guarded = CircuitBreaker.decorateCallable(circuitBreaker,
                              Retry.decorateCallable(retry,
                              Bulkhead.decorateCallable(bulkhead, timeLimited)));
        try {
            return guarded.call();
        } catch (InterruptedException interrupted) {
            // Shutting down: no answer is not the provider's fault, so nothing is recorded and the event is redelivered.
            Thread.currentThread().interrupt();
            throw new CallInterruptedException(interrupted);
        }
    }

    /** The calling thread was interrupted: no answer, but not the provider's fault. */
    static class CallInterruptedException extends IllegalStateException {
        CallInterruptedException(InterruptedException cause) {
            super("interrupted while calling the payment provider", cause);
        }
    }

    private static String describe(Exception noAnswer) {
        if (noAnswer instanceof CallNotPermittedException) {
            return "circuit open: the provider is not called until it recovers";
        }
        if (noAnswer instanceof BulkheadFullException) {
            return "too many provider calls in flight";
        }
        if (noAnswer instanceof TimeoutException) {
            return "the provider did not answer in time";
        }
        if (noAnswer instanceof RejectedExecutionException) {
            return "no thread free to call the provider";
        }
        if (noAnswer instanceof ProviderUnavailableException) {
            return noAnswer.getMessage();
        }
        return "provider call failed: " + noAnswer;
    }
}
