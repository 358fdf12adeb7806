package com.fulfillment.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fulfillment.security.*}: how users are known and from which web origins they may call. The demo users
 * are the default mode of the embedded app, HTTP Basic, so that a newcomer needs nothing but the documented
 * names; production takes bearer tokens (JWT) of an OpenID Connect provider.
 *
 * @param mode           {@code basic} (the demo users) or {@code jwt} (bearer tokens; the provider is set with
 *                       Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 *                       {@code jwk-set-uri})
 * @param jwt            where a token carries the user and the roles
 * @param customers      the demo customers' user names; each is also the customer id of their orders
 * @param demoPassword   the demo customers' password (environment: {@code FULFILLMENT_DEMO_PASSWORD})
 * @param operator       the operator's user name
 * @param operatorPassword the operator's password (environment: {@code FULFILLMENT_OPERATOR_PASSWORD}); empty
 *                       for a random one, logged once at startup
 * @param allowedOrigins web origins allowed to call the API from a browser with credentials; none by default
 */
@ConfigurationProperties("fulfillment.security")
public record ApiSecurityProperties(Mode mode, Jwt jwt, List<String> customers, String demoPassword,
                                    String operator, String operatorPassword, List<String> allowedOrigins) {

    /** How a request names its user. */
    public enum Mode { BASIC, JWT }

    /**
     * Where a bearer token carries the user and the roles.
     *
     * @param userClaim  the claim that names the user, who as a customer is the customer id ({@code sub})
     * @param rolesClaim the claim listing the roles, {@code customer} and {@code operator} in any case
     *                   ({@code roles})
     */
    public record Jwt(String userClaim, String rolesClaim) {

        public Jwt {
            userClaim = userClaim == null || userClaim.isBlank() ? "sub" : userClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        }
    }

    public ApiSecurityProperties {
        mode = mode == null ? Mode.BASIC : mode;
        jwt = jwt == null ? new Jwt(null, null) : jwt;
        customers = customers == null ? List.of("alice", "bob", "carol") : List.copyOf(customers);
        demoPassword = demoPassword == null ? "demo" : demoPassword;
        operator = operator == null || operator.isBlank() ? "operator" : operator;
        operatorPassword = operatorPassword == null ? "" : operatorPassword;
        allowedOrigins = allowedOrigins == null ? List.of()
                         : allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }
}
