package com.fulfillment.platform.security;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The production mode: OAuth 2.0 bearer tokens (JWT) of any OpenID Connect provider, checked by Spring
 * Security's resource server against the provider's keys ({@code spring.security.oauth2.resourceserver.jwt.*}:
 * {@code issuer-uri} or {@code jwk-set-uri}). The user is the token's {@code fulfillment.security.jwt.user-claim}
 * and the roles its {@code fulfillment.security.jwt.roles-claim}. Kept apart from {@link ApiSecurityConfiguration}
 * so that an app without the resource server on its class path never loads it.
 */
final class JwtMode {

    private JwtMode() {
    }

    static void configure(HttpSecurity http, ApiSecurityProperties.Jwt settings, AuthenticationEntryPoint refused)
            throws Exception {
        http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter(settings)))
                                                  .authenticationEntryPoint(refused));
    }

    /** RFC 6750's {@code WWW-Authenticate: Bearer ...}, with the reason when a token was sent and refused. */
    static AuthenticationEntryPoint challenge() {
        return new BearerTokenAuthenticationEntryPoint();
    }

    static JwtAuthenticationConverter converter(ApiSecurityProperties.Jwt settings) {
        JwtGrantedAuthoritiesConverter claimed = new JwtGrantedAuthoritiesConverter();
        claimed.setAuthoritiesClaimName(settings.rolesClaim());
        claimed.setAuthorityPrefix("");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(settings.userClaim());
        converter.setJwtGrantedAuthoritiesConverter(roles(claimed));
        return converter;
    }

    /** A provider's role names as this API's roles: {@code customer} or {@code CUSTOMER} is {@code ROLE_CUSTOMER}. */
    private static Converter<Jwt, Collection<GrantedAuthority>> roles(JwtGrantedAuthoritiesConverter claimed) {
        return jwt -> claimed.convert(jwt).stream()
                             .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(
                                     "ROLE_" + role.getAuthority().toUpperCase(Locale.ROOT)))
                             .collect(Collectors.toList());
    }
}
