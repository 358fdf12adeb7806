package com.fulfillment.deployment;

import com.fulfillment.scenarios.Credentials;

/**
 * Who the tests of a deployment call it as: a demo customer, and the operator with the password the deployment
 * was given in {@code FULFILLMENT_OPERATOR_PASSWORD}.
 */
final class DeploymentUsers {

    static final Credentials CUSTOMER = Credentials.demoCustomer("alice");
    static final Credentials OPERATOR = Credentials.operator(
            System.getenv().getOrDefault("FULFILLMENT_OPERATOR_PASSWORD", "operator-in-tests"));

    private DeploymentUsers() {
    }
}
