package com.fulfillment.access;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The users of the basic mode: the demo customers and the operator of {@code fulfillment.security.*}. A password
 * given in plain text is kept as {@code {noop}}, as Spring Boot keeps its own default user's: it came from the
 * environment of this process, so a hash of it in the same memory protects nothing, and a BCrypt check on every
 * request would cost tens of milliseconds of CPU. A hash can be given instead ({@code {bcrypt}$2a$...}).
 */
public final class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    /** A password already encoded, as Spring Boot reads {@code spring.security.user.password}: {@code {id}hash}. */
    private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

    private DemoUsers() {
    }

    /** The users {@code properties} name; an operator without a password gets a random one, logged once. */
    public static List<UserDetails> of(ApiSecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        properties.customers().forEach(customer -> users.add(
                User.withUsername(customer).password(stored(properties.demoPassword()))
                    .roles(AccessRules.CUSTOMER).build()));
        String operatorPassword = properties.operatorPassword();
        if (operatorPassword.isBlank()) {
            operatorPassword = UUID.randomUUID().toString();
            log.warn("\n\nGenerated password of the user '{}': {}\nSet FULFILLMENT_OPERATOR_PASSWORD to choose one.\n",
                     properties.operator(), operatorPassword);
        }
        users.add(User.withUsername(properties.operator()).password(stored(operatorPassword))
                      .roles(AccessRules.OPERATOR).build());
        return users;
    }

    /** Whether {@code password} is given encoded, {@code {id}hash}, rather than in plain text. */
    public static boolean isEncoded(String password) {
        return ENCODED.matcher(password).matches();
    }

    private static String stored(String password) {
        return isEncoded(password) ? password : "{noop}" + password;
    }
}
