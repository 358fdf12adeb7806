package com.fulfillment.gateway;

import com.fulfillment.access.ApiSecurityProperties;
import com.fulfillment.access.JwtRoles;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;

/**
 * The production mode at the gateway: OAuth 2.0 bearer tokens (JWT) of any OpenID Connect provider, checked by
 * Spring Security's reactive resource server against the provider's keys
 * ({@code spring.security.oauth2.resourceserver.jwt.*}), the user and roles read from its claims by {@link JwtRoles},
 * as the services read them.
 */
final class GatewayJwtMode {

    private GatewayJwtMode() {
    }

    static void configure(ServerHttpSecurity http, ApiSecurityProperties.Jwt settings, GatewayRefusals refusals) {
        http.oauth2ResourceServer(server -> server
                .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(
                        JwtRoles.converter(settings))))
                .authenticationEntryPoint(refusals)
                .accessDeniedHandler(refusals));
    }

    /** RFC 6750's {@code WWW-Authenticate: Bearer ...}, with the reason when a token was sent and refused. */
    static ServerAuthenticationEntryPoint challenge() {
        return new BearerTokenServerAuthenticationEntryPoint();
    }
}
