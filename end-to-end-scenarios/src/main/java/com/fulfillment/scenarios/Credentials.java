package com.fulfillment.scenarios;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user of the API and their password, sent as HTTP Basic, the standalone app's default mode. The demo
 * customers' password is {@value #DEMO_PASSWORD} unless {@code FULFILLMENT_DEMO_PASSWORD} says otherwise; the
 * operator's is whatever the app was started with.
 */
public record Credentials(String user, String password) {

    public static final String DEMO_PASSWORD = "demo";
    public static final String OPERATOR = "operator";

    public Credentials {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(password, "password must not be null");
    }

    /** A demo customer ({@code alice}, {@code bob}, {@code carol}) with the default demo password. */
    public static Credentials demoCustomer(String user) {
        return new Credentials(user, DEMO_PASSWORD);
    }

    public static Credentials operator(String password) {
        return new Credentials(OPERATOR, password);
    }

    /** The value of an {@code Authorization} header that sends these credentials. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
