package com.fulfillment.platform.security;

import com.fulfillment.access.ApiSecurityProperties;
import com.fulfillment.access.JwtRoles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The production mode: OAuth 2.0 bearer tokens (JWT) of any OpenID Connect provider, checked by Spring
 * Security's resource server against the provider's keys ({@code spring.security.oauth2.resourceserver.jwt.*}:
 * {@code issuer-uri} or {@code jwk-set-uri}), the user and roles read from its claims by {@link JwtRoles}. Kept
 * apart from {@link ApiSecurityConfiguration} so that an app without the resource server on its class path never
 * loads it.
 */
final class JwtMode {

    private JwtMode() {
    }

    static void configure(HttpSecurity http, ApiSecurityProperties.Jwt settings, AuthenticationEntryPoint refused)
            throws Exception {
        http.oauth2ResourceServer(server -> server
                .jwt(jwt -> jwt.jwtAuthenticationConverter(JwtRoles.converter(settings)))
                .authenticationEntryPoint(refused));
    }

    /** RFC 6750's {@code WWW-Authenticate: Bearer ...}, with the reason when a token was sent and refused. */
    static AuthenticationEntryPoint challenge() {
        return new BearerTokenAuthenticationEntryPoint();
    }
}
