package com.fulfillment.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The users the gateway's tests call it as, over HTTP Basic: the demo customers and the operator, whose password
 * in the tests is set in {@code src/test/resources/config/application.properties}.
 */
final class GatewayUsers {

    static final String OPERATOR = basic("operator", "operator-in-tests");
    static final String ALICE = basic("alice", "demo");

    private GatewayUsers() {
    }

    /** The value of an {@code Authorization} header that sends {@code user}'s credentials. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
