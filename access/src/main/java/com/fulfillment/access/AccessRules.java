package com.fulfillment.access;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Who may call which URL, the first rule that matches deciding, in every app that answers the API: the standalone
 * app and each service (platform's {@code ApiSecurityConfiguration}) and the gateway in front of the services,
 * which checks the same rules before it routes a request. Whose order or customer it is, the controllers decide.
 * <ul>
 *   <li>open: the liveness and readiness probes, {@code /actuator/health}, the API documentation, and the
 *       payment simulator's provider API (it stands in for an external provider, which has its own keys);</li>
 *   <li>a customer or an operator: orders, customers, reading the catalogue;</li>
 *   <li>an operator only: everything else ({@link #OTHERWISE}: changing the catalogue, payments,
 *       {@code /api/admin/**}, the event browser, the simulator's faults and ledger, the other actuator endpoints).</li>
 * </ul>
 */
public final class AccessRules {

    /** The URLs a browser may call from another origin, where {@link #browserOrigins} allows one. */
    public static final String CROSS_ORIGIN_PATHS = "/api/**";

    /**
     * What browsers of other origins may do: call the API from the origins named in
     * {@code fulfillment.security.allowed-origins}, with credentials, never from any origin; nothing when none is
     * named. The same in every app that answers a browser: the standalone app, and the gateway in front of the
     * services (which do not answer browsers themselves).
     */
    public static Optional<CorsConfiguration> browserOrigins(ApiSecurityProperties properties) {
        if (properties.allowedOrigins().isEmpty()) {
            return Optional.empty();
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-ID"));
        cors.setExposedHeaders(List.of("Location", "Idempotent-Replayed", "X-Correlation-ID", "Retry-After"));
        cors.setAllowCredentials(true);
        return Optional.of(cors);
    }

    /** The role of a customer, who places, reads and cancels their own orders and reads the catalogue. */
    public static final String CUSTOMER = "CUSTOMER";
    /** The role of an operator: the catalogue, every order and customer, administration. */
    public static final String OPERATOR = "OPERATOR";

    /** The URL rules, in the order they are tried. */
    public static final List<Rule> RULES = List.of(
            Rule.open("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"),
            Rule.open("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"),
            Rule.open("/simulator/charges/**"),
            new Rule(HttpMethod.GET, List.of("/api/products/**"), List.of(CUSTOMER, OPERATOR)),
            new Rule(null, List.of("/api/orders/**", "/api/customers/**"), List.of(CUSTOMER, OPERATOR)));

    /** The roles that may call any URL no rule names. */
    public static final List<String> OTHERWISE = List.of(OPERATOR);

    private AccessRules() {
    }

    /**
     * URLs (path patterns, {@code /**} matching any rest of the path) and the roles that may call them.
     *
     * @param method the method the rule is for; {@code null} for every method
     * @param paths  the path patterns
     * @param roles  the roles that may call them; none: anyone may, without credentials
     */
    public record Rule(HttpMethod method, List<String> paths, List<String> roles) {

        public Rule {
            paths = List.copyOf(paths);
            roles = List.copyOf(roles);
        }

        static Rule open(String... paths) {
            return new Rule(null, List.of(paths), List.of());
        }

        public boolean isOpen() {
            return roles.isEmpty();
        }

        public String[] pathArray() {
            return paths.toArray(String[]::new);
        }

        public String[] roleArray() {
            return roles.toArray(String[]::new);
        }
    }
}
