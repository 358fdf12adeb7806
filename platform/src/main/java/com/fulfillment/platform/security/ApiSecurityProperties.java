package com.fulfillment.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fulfillment.security.*}: who may log in and from which web origins. The demo users are the default
 * mode of the embedded app: HTTP Basic, so that a newcomer needs nothing but the documented names.
 *
 * @param customers      the demo customers' user names; each is also the customer id of their orders
 * @param demoPassword   the demo customers' password (environment: {@code FULFILLMENT_DEMO_PASSWORD})
 * @param operator       the operator's user name
 * @param operatorPassword the operator's password (environment: {@code FULFILLMENT_OPERATOR_PASSWORD}); empty
 *                       for a random one, logged once at startup
 * @param allowedOrigins web origins allowed to call the API from a browser with credentials; none by default
 */
@ConfigurationProperties("fulfillment.security")
public record ApiSecurityProperties(List<String> customers, String demoPassword, String operator,
                                    String operatorPassword, List<String> allowedOrigins) {

    public ApiSecurityProperties {
        customers = customers == null ? List.of("alice", "bob", "carol") : List.copyOf(customers);
        demoPassword = demoPassword == null ? "demo" : demoPassword;
        operator = operator == null || operator.isBlank() ? "operator" : operator;
        operatorPassword = operatorPassword == null ? "" : operatorPassword;
        allowedOrigins = allowedOrigins == null ? List.of()
                         : allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }
}
