package com.fulfillment.platform.security;

import com.fulfillment.access.AccessRules;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * Who sends a request, as the controllers need to know it: a customer acts for themselves only, an operator for
 * anyone. Read through the servlet API ({@link HttpServletRequest#getUserPrincipal()},
 * {@link HttpServletRequest#isUserInRole(String)}), which Spring Security fills in, so that the contexts' web
 * code does not depend on the security library.
 */
public record Caller(String name, boolean operator) {

    /** The role of a customer, who places, reads and cancels their own orders and reads the catalogue. */
    public static final String CUSTOMER = AccessRules.CUSTOMER;
    /** The role of an operator: the catalogue, every order and customer, administration. */
    public static final String OPERATOR = AccessRules.OPERATOR;

    /**
     * The authenticated caller of {@code request}; empty where nobody is authenticated, as in an app that runs
     * without {@link ApiSecurityConfiguration} (then every request acts as before security existed).
     */
    public static Optional<Caller> of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? Optional.empty()
                                 : Optional.of(new Caller(principal.getName(), request.isUserInRole(OPERATOR)));
    }

    /** Whether this caller may see or act on what belongs to {@code customerId}. */
    public boolean mayActFor(String customerId) {
        return operator || name.equals(customerId);
    }
}
