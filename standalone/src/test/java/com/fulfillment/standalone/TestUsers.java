package com.fulfillment.standalone;

import com.fulfillment.scenarios.Credentials;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;

/**
 * The users the tests call the API as: the demo customers and the operator, whose password in the tests is set
 * in {@code src/test/resources/config/application.properties}.
 */
public final class TestUsers {

    public static final String OPERATOR_PASSWORD = "operator-in-tests";
    public static final Credentials OPERATOR = Credentials.operator(OPERATOR_PASSWORD);
    public static final Credentials ALICE = Credentials.demoCustomer("alice");
    public static final Credentials BOB = Credentials.demoCustomer("bob");

    private TestUsers() {
    }

    /** {@code http}, sending {@code user}'s credentials with every request. */
    public static TestRestTemplate as(Credentials user, TestRestTemplate http) {
        return http.withBasicAuth(user.user(), user.password());
    }

    /** A builder whose templates send {@code user}'s credentials with every request. */
    public static RestTemplateBuilder as(Credentials user, RestTemplateBuilder builder) {
        return builder.basicAuthentication(user.user(), user.password());
    }
}
