package com.fulfillment.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.access.AccessRules;
import com.fulfillment.access.ApiSecurityProperties;
import com.fulfillment.access.DemoUsers;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Who may do what, checked at the gateway before a request is routed: the services' rules by URL
 * ({@link AccessRules}), for WebFlux. A refused request reaches no service. An accepted one goes on with its
 * {@code Authorization} header, and the service checks it again: nothing behind the gateway trusts the network.
 * What depends on whose order or customer it is, the services decide.
 * Users are the demo users over HTTP Basic ({@link DemoUsers}), or, with {@code fulfillment.security.mode=jwt},
 * those of an OpenID Connect provider's bearer tokens ({@link GatewayJwtMode}), from the same
 * {@code fulfillment.security.*} settings as the services'. Stateless: no session, no cookie, so CSRF tokens are
 * off. Refusals are problem bodies ({@link GatewayRefusals}).
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
class GatewaySecurity {

    static final String REALM = "fulfillment";

    /** The URL rules as this stack matches them, in their order; the last matches any request. */
    static final List<Rule> RULES = rules();

    @Bean
    SecurityWebFilterChain whoMayCallWhat(ServerHttpSecurity http, ObjectMapper json,
                                          ApiSecurityProperties properties) {
        boolean tokens = properties.mode() == ApiSecurityProperties.Mode.JWT;
        GatewayRefusals refusals = new GatewayRefusals(json, tokens ? GatewayJwtMode.challenge()
                : (exchange, refused) -> Mono.fromRunnable(() -> exchange.getResponse().getHeaders().set(
                        HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"")));
        if (tokens) {
            GatewayJwtMode.configure(http, properties.jwt(), refusals);
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(refusals));
        }
        http.cors(cors -> cors.configurationSource(browserOrigins(properties)))
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .headers(headers -> headers.referrerPolicy(
                    referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
            .authorizeExchange(exchanges -> RULES.forEach(rule -> {
                ServerHttpSecurity.AuthorizeExchangeSpec.Access access = exchanges.matchers(rule.matcher());
                if (rule.roles().isEmpty()) {
                    access.permitAll();
                } else {
                    access.hasAnyRole(rule.roles().toArray(String[]::new));
                }
            }))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusals)
                                                       .accessDeniedHandler(refusals));
        return http.build();
    }

    /**
     * Browsers of other origins meet the gateway only: it answers their preflight requests and adds the CORS headers
     * to the answers, for the origins {@code fulfillment.security.allowed-origins} names ({@link AccessRules}). The
     * routes do not pass the {@code Origin} header on ({@link FulfillmentRoutes}), so no service adds its own.
     */
    static CorsConfigurationSource browserOrigins(ApiSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        AccessRules.browserOrigins(properties)
                   .ifPresent(cors -> source.registerCorsConfiguration(AccessRules.CROSS_ORIGIN_PATHS, cors));
        return source;
    }

    /**
     * The demo customers and the operator, as each service has them. The user store is not offered as a password
     * service, so no password is re-encoded at login: a plain one stays {@code {noop}} ({@link DemoUsers} says why).
     */
    @Bean
    @ConditionalOnProperty(name = "fulfillment.security.mode", havingValue = "basic", matchIfMissing = true)
    ReactiveAuthenticationManager demoUsers(ApiSecurityProperties properties) {
        MapReactiveUserDetailsService known = new MapReactiveUserDetailsService(DemoUsers.of(properties));
        return new UserDetailsRepositoryReactiveAuthenticationManager(known::findByUsername);
    }

    /**
     * The operator's {@code Authorization} header, where the gateway knows the operator's password (mode basic,
     * given in plain text): what the gateway sends when it asks a service, on a caller's behalf, for what the
     * caller's own credentials may not read, as {@link OrderOverviewEndpoint} does.
     */
    static Optional<String> operatorCredentials(ApiSecurityProperties properties) {
        String password = properties.operatorPassword();
        if (properties.mode() != ApiSecurityProperties.Mode.BASIC || password.isBlank()
            || DemoUsers.isEncoded(password)) {
            return Optional.empty();
        }
        String credentials = properties.operator() + ":" + password;
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code caller} is an operator. */
    static boolean isOperator(Principal caller) {
        return caller instanceof Authentication authentication
               && authentication.getAuthorities().stream()
                                .anyMatch(authority -> ("ROLE_" + AccessRules.OPERATOR).equals(authority.getAuthority()));
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        AccessRules.RULES.forEach(rule -> rules.add(new Rule(
                rule.method() == null ? ServerWebExchangeMatchers.pathMatchers(rule.pathArray())
                                      : ServerWebExchangeMatchers.pathMatchers(rule.method(), rule.pathArray()),
                rule.roles())));
        rules.add(new Rule(ServerWebExchangeMatchers.anyExchange(), AccessRules.OTHERWISE));
        return List.copyOf(rules);
    }

    /** An {@link AccessRules} rule: the requests it is for, and the roles that may send them (none: anyone). */
    record Rule(ServerWebExchangeMatcher matcher, List<String> roles) {
    }
}
