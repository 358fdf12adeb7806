package com.fulfillment.access;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The jwt mode's user and roles: the token's {@code fulfillment.security.jwt.user-claim} names the user, its
 * {@code fulfillment.security.jwt.roles-claim} lists the roles. Kept apart from the rest of this module so that an
 * app without the resource server on its class path never loads it.
 */
public final class JwtRoles {

    private JwtRoles() {
    }

    public static JwtAuthenticationConverter converter(ApiSecurityProperties.Jwt settings) {
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
