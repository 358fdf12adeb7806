package com.fulfillment.payment;

import com.fulfillment.payment.command.Payment;
import com.fulfillment.payment.command.PaymentRetryPolicy;
import com.fulfillment.payment.policy.RefundOnCancellationPolicy;
import com.fulfillment.payment.processor.PaymentProcessor;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.saga.PaymentSaga;
import com.fulfillment.platform.CompensationFailures;
import com.fulfillment.platform.aggregate.EventSourcedAggregates;
import com.fulfillment.platform.deadletter.OrderDeadLetters;
import java.util.Objects;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * Everything the payment context contributes to an Axon configuration: the {@code Payment} aggregate,
 * its saga, the provider processor, the refund policy, the provider they talk to and how a charge that
 * got no answer is retried. It expects a {@link com.fulfillment.platform.CompensationGateway} to be
 * registered (see the platform's {@code CompensationModule}). The payment schedules its retries with the
 * configuration's {@code DeadlineManager}, so a durable one keeps them across restarts.
 */
public class PaymentContextModule implements ConfigurerModule {

    private final PaymentProvider provider;
    private final PaymentRetryPolicy retryPolicy;

    public PaymentContextModule(PaymentProvider provider) {
        this(provider, PaymentRetryPolicy.defaults());
    }

    public PaymentContextModule(PaymentProvider provider, PaymentRetryPolicy retryPolicy) {
        this.provider = Objects.requireNonNull(provider, "payment provider must not be null");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retry policy must not be null");
    }

    @Override
    public void configureModule(Configurer configurer) {
        // A payment has a handful of events in its life: cached while it is busy, never snapshotted.
        configurer.configureAggregate(EventSourcedAggregates.cached(Payment.class))
                  .registerComponent(PaymentProvider.class, c -> provider)
                  .registerComponent(PaymentRetryPolicy.class, c -> retryPolicy)
                  // The payment records a refund the provider refused as the compensation gateway records a
                  // refused command, with the command serialized for the operators' retry. Under Spring the
                  // bean of platform's CommandHandlingConfiguration is the one used.
                  .registerComponent(CompensationFailures.class, c -> new CompensationFailures(c.serializer()));
        configurer.eventProcessing()
                  .registerSaga(PaymentSaga.class)
                  .registerEventHandler(c -> new PaymentProcessor())
                  .registerEventHandler(c -> new RefundOnCancellationPolicy())
                  // A failed charge or refund must be retried, never logged and skipped.
                  .registerListenerInvocationErrorHandler(PaymentProcessor.PROCESSING_GROUP,
                                                          c -> PropagatingErrorHandler.instance());
        OrderDeadLetters.forSaga(configurer, PaymentSaga.class, PaymentSaga.PROCESSING_GROUP);
        OrderDeadLetters.forPolicies(configurer, RefundOnCancellationPolicy.PROCESSING_GROUP);
    }
}
