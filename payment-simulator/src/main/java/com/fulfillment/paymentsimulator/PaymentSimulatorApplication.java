package com.fulfillment.paymentsimulator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Profile;

/**
 * The payment provider simulator as its own process: {@code java -jar payment-simulator-*-exec.jar
 * --server.port=8090} serves the provider API under {@code /simulator}. The standalone app serves the same
 * API on its own port; the profile keeps this class out of it, since that app scans this package too.
 */
@SpringBootApplication
@Profile(PaymentSimulatorApplication.PROFILE)
public class PaymentSimulatorApplication {

    static final String PROFILE = "payment-simulator-app";

    public static void main(String[] args) {
        new SpringApplicationBuilder(PaymentSimulatorApplication.class).profiles(PROFILE).run(args);
    }
}
