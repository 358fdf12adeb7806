package com.fulfillment.platform.security;

import static com.fulfillment.platform.security.Caller.CUSTOMER;
import static com.fulfillment.platform.security.Caller.OPERATOR;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may do what, in every web application that has Spring Security on its class path. The rules by URL are
 * here; what depends on whose order or customer it is, the controllers decide with {@link Caller}.
 *
 * <ul>
 *   <li>open: the liveness and readiness probes, {@code /actuator/health}, the API documentation, and the
 *       payment simulator's provider API (it stands in for an external provider, which has its own keys);</li>
 *   <li>a customer or an operator: orders, customers, reading the catalogue;</li>
 *   <li>an operator only: everything else (changing the catalogue, payments, {@code /api/admin/**}, the event
 *       browser, the simulator's faults and ledger, the other actuator endpoints).</li>
 * </ul>
 * Users are the demo users over HTTP Basic, or, with {@code fulfillment.security.mode=jwt}, those of an OpenID
 * Connect provider's bearer tokens ({@link JwtMode}).
 * Stateless: every request carries its credentials, no session or cookie is made, so there is nothing for a
 * cross-site request to ride on and CSRF tokens are off. Refusals are problem bodies.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class},
                   after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityConfiguration {

    static final String REALM = "fulfillment";
    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);
    /** A password already encoded, as Spring Boot reads {@code spring.security.user.password}: {@code {id}hash}. */
    private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, ApiSecurityProperties properties)
            throws Exception {
        ProblemWriter problems = new ProblemWriter(json);
        boolean tokens = properties.mode() == ApiSecurityProperties.Mode.JWT;
        ProblemAuthenticationEntryPoint unauthenticated = new ProblemAuthenticationEntryPoint(
                tokens ? JwtMode.challenge() : (request, response, refused) -> response.setHeader(
                        HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\""),
                problems);
        if (tokens) {
            JwtMode.configure(http, properties.jwt(), unauthenticated);
        } else {
            http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthenticated));
        }
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .cors(cors -> {})
            .headers(headers -> headers.referrerPolicy(
                    referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
            .authorizeHttpRequests(requests -> requests
                    // Decided on the request itself; its error page and async completion (a stream) follow it.
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                    .permitAll()
                    .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                    .requestMatchers("/simulator/charges/**").permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/products/**").hasAnyRole(CUSTOMER, OPERATOR)
                    .requestMatchers("/api/orders/**", "/api/customers/**").hasAnyRole(CUSTOMER, OPERATOR)
                    .anyRequest().hasRole(OPERATOR))
            .exceptionHandling(refusals -> refusals.authenticationEntryPoint(unauthenticated)
                                                   .accessDeniedHandler(new ProblemAccessDeniedHandler(problems)))
            .addFilterAfter(new UserIdFilter(), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Reads both encoded passwords ({@code {bcrypt}...}) and, as {@code {noop}}, plain ones, and keeps each as it
     * was given. Spring Security's own encoder asks for every password not in BCrypt to be upgraded, and since the
     * in-memory user store takes password updates, a {@code {noop}} password would be replaced by its BCrypt hash at
     * the user's first login; each later request would then pay a BCrypt check (70-80 ms of CPU on 2 cores).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new KeptEncodingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /**
     * The demo customers and the operator. A password given in plain text is kept as {@code {noop}}, as Spring
     * Boot keeps its own default user's: it came from the environment of this process, so a hash of it in the
     * same memory protects nothing, and a BCrypt check on every request would cost tens of milliseconds of CPU.
     * A hash can be given instead ({@code {bcrypt}$2a$...}).
     */
    @Bean
    @ConditionalOnProperty(name = "fulfillment.security.mode", havingValue = "basic", matchIfMissing = true)
    InMemoryUserDetailsManager demoUsers(ApiSecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        properties.customers().forEach(customer -> users.add(
                User.withUsername(customer).password(stored(properties.demoPassword())).roles(CUSTOMER).build()));
        String operatorPassword = properties.operatorPassword();
        if (operatorPassword.isBlank()) {
            operatorPassword = UUID.randomUUID().toString();
            log.warn("\n\nGenerated password of the user '{}': {}\nSet FULFILLMENT_OPERATOR_PASSWORD to choose one.\n",
                     properties.operator(), operatorPassword);
        }
        users.add(User.withUsername(properties.operator()).password(stored(operatorPassword)).roles(OPERATOR).build());
        return new InMemoryUserDetailsManager(users);
    }

    private static String stored(String password) {
        return ENCODED.matcher(password).matches() ? password : "{noop}" + password;
    }

    /** Cross-origin calls from the origins named in {@code fulfillment.security.allowed-origins} only, never any origin. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(ApiSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.allowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-ID"));
            cors.setExposedHeaders(List.of("Location", "Idempotent-Replayed", "X-Correlation-ID", "Retry-After"));
            cors.setAllowCredentials(true);
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
