package com.fulfillment.paymentservice;

import com.fulfillment.platform.CommandHandlingConfiguration;
import com.fulfillment.distributed.DistributedRuntimeConfiguration;
import com.fulfillment.distributed.DistributedService;
import com.fulfillment.distributed.DurableDeadlinesConfiguration;
import com.fulfillment.distributed.PooledProcessors;
import com.fulfillment.payment.PaymentContextModule;
import com.fulfillment.payment.processor.PaymentProcessor;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The payment context as a service of the distributed shape: the {@code Payment} aggregate, its saga, the
 * provider processor and the refund policy behind Axon Server, the payment provider client
 * ({@code fulfillment.payment.*}) with the provider simulator served on this service's own port under
 * {@code /simulator} (as in the standalone app; {@code payment-simulator.enabled=false} where a real
 * provider is used), and tokens, sagas and payment retry deadlines in its own MongoDB database. Settings:
 * {@value #NAME}.yml.
 *
 * <p>Not a {@code @SpringBootApplication}, nor any other {@code @Component}: the standalone app scans
 * {@code com.fulfillment} and wires the payment context itself, so it must not find this class.
 */
@EnableAutoConfiguration
@Import({DistributedRuntimeConfiguration.class, CommandHandlingConfiguration.class, DurableDeadlinesConfiguration.class})
@ComponentScan({"com.fulfillment.payment.config", "com.fulfillment.payment.web", "com.fulfillment.paymentsimulator"})
public class PaymentServiceApplication {

    public static final String NAME = "payment-service";

    public static void main(String[] args) {
        DistributedService.run(PaymentServiceApplication.class, NAME, args);
    }

    /** With {@code fulfillment.payment.provider=in-memory}: no provider over HTTP at all. */
    @Bean
    @ConditionalOnMissingBean
    PaymentProvider paymentProvider() {
        return new InMemoryPaymentProvider();
    }

    @Bean
    ConfigurerModule paymentContext(PaymentProvider paymentProvider) {
        return new PaymentContextModule(paymentProvider);
    }

    /** The provider calls run in a pooled processor (payment-provider.yml), which must start before Axon Server. */
    @Bean
    ConfigurerModule providerCallsStartWithoutAskingAxonServer() {
        return PooledProcessors.startingAtTheBeginning(List.of(PaymentProcessor.PROCESSING_GROUP));
    }
}
