package com.fulfillment.querytest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The users the read side's tests call its REST API as, over HTTP Basic: the demo customers and the operator,
 * whose password in the tests is set in {@code src/test/resources/config/application.properties}.
 */
public final class ReadSideUsers {

    /** The operator, who reads every order and customer and runs the projections' administration. */
    public static final String OPERATOR = basic("operator", "operator-in-tests");

    private ReadSideUsers() {
    }

    /** A demo customer, with the demo password. */
    public static String customer(String name) {
        return basic(name, "demo");
    }

    /** The value of an {@code Authorization} header that sends {@code user}'s credentials. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
