package com.fulfillment.platform.security;

import com.fulfillment.platform.correlation.CorrelationIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the authenticated user's name in the MDC while the request is handled, from where it goes into the
 * metadata of every command and event the request causes ({@code userId}), as the correlation id does.
 */
class UserIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getRemoteUser();
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put(CorrelationIds.USER_ID, user);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationIds.USER_ID);
        }
    }
}
