package com.fulfillment.paymentsimulator;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulated payment provider, served under {@value #PATH} on the port of whichever app picks this up:
 * its own ({@link PaymentSimulatorApplication}) or the standalone one. {@code payment-simulator.enabled=false}
 * switches it off, as anywhere a real provider is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "payment-simulator", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SimulatorProperties.class)
public class PaymentSimulatorConfiguration {

    public static final String PATH = "/simulator";

    /** In a database of its own when {@code payment-simulator.ledger-url} names one, otherwise in memory. */
    @Bean(destroyMethod = "close")
    LedgerStore simulatorLedgerStore(SimulatorProperties properties) {
        String url = properties.ledgerUrl();
        return url == null || url.isBlank() ? LedgerStore.inMemory() : new H2LedgerStore(url);
    }

    @Bean
    SimulatedProvider simulatedProvider(SimulatorProperties properties, LedgerStore simulatorLedgerStore) {
        return new SimulatedProvider(properties.faults(), Clock.systemUTC(), simulatorLedgerStore);
    }
}
