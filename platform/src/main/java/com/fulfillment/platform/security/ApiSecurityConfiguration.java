package com.fulfillment.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.access.AccessRules;
import com.fulfillment.access.ApiSecurityProperties;
import com.fulfillment.access.DemoUsers;
import com.fulfillment.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
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
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may do what, in every web application that has Spring Security on its class path: the rules by URL of
 * {@link AccessRules}, the same as the gateway's; what depends on whose order or customer it is, the controllers
 * decide with {@link Caller}.
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

    /**
     * The security headers (no sniffing, no framing, no caching, the referrer policy) are written by the request's
     * own thread before the handler runs. Spring Security's default writes them when the response is committed,
     * from whichever thread commits it: for an order's event stream that is also the thread sending an event, and
     * Tomcat's headers, which are not made for two threads, then failed now and again under load
     * ({@code NullPointerException} in {@code MimeHeaders}), taking the stream down with its order's outcome.
     */
    private static final ObjectPostProcessor<HeaderWriterFilter> WRITE_HEADERS_FIRST = new ObjectPostProcessor<>() {
        @Override
        public <F extends HeaderWriterFilter> F postProcess(F filter) {
            filter.setShouldWriteHeadersEagerly(true);
            return filter;
        }
    };

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
            .headers(headers -> headers
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    .withObjectPostProcessor(WRITE_HEADERS_FIRST))
            .authorizeHttpRequests(requests -> {
                // Decided on the request itself; its error page and async completion (a stream) follow it.
                requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                AccessRules.RULES.forEach(rule -> {
                    var urls = rule.method() == null ? requests.requestMatchers(rule.pathArray())
                                                     : requests.requestMatchers(rule.method(), rule.pathArray());
                    if (rule.isOpen()) {
                        urls.permitAll();
                    } else {
                        urls.hasAnyRole(rule.roleArray());
                    }
                });
                requests.anyRequest().hasAnyRole(AccessRules.OTHERWISE.toArray(String[]::new));
            })
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

    /** The demo customers and the operator ({@link DemoUsers}: plain passwords kept as {@code {noop}}, and why). */
    @Bean
    @ConditionalOnProperty(name = "fulfillment.security.mode", havingValue = "basic", matchIfMissing = true)
    InMemoryUserDetailsManager demoUsers(ApiSecurityProperties properties) {
        return new InMemoryUserDetailsManager(DemoUsers.of(properties));
    }

    /**
     * No observation of Spring Security's own steps: each filter of the chain, each authentication and each
     * authorization was a Micrometer observation of its own, with its key values, timer and handlers, on every request
     * (1.5-3.5 % of the app's CPU under load; BENCHMARKS.md, "Spring Security's observations"). The request itself is
     * still observed as {@code http.server.requests}, its metric and its span.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Cross-origin calls from the origins named in {@code fulfillment.security.allowed-origins} only, never any origin. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(ApiSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        AccessRules.browserOrigins(properties)
                   .ifPresent(cors -> source.registerCorsConfiguration(AccessRules.CROSS_ORIGIN_PATHS, cors));
        return source;
    }
}
