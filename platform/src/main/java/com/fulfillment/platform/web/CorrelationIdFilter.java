package com.fulfillment.platform.web;

import com.fulfillment.platform.correlation.CorrelationIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts the client's {@code X-Correlation-ID} (or makes one), returns it, and keeps it in the MDC meanwhile:
 * also while the request is dispatched again, on another thread, to finish an asynchronous answer (a stream
 * such as an order's server-sent events, whose failure is then answered and logged) or to render an error.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    /** The id chosen on the request's first dispatch, for its later ones. */
    private static final String REQUEST_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = (String) request.getAttribute(REQUEST_ATTRIBUTE);
        if (correlationId == null) {
            correlationId = CorrelationIds.acceptOrCreate(request.getHeader(CorrelationIds.HEADER));
            request.setAttribute(REQUEST_ATTRIBUTE, correlationId);
            response.setHeader(CorrelationIds.HEADER, correlationId);
        }
        MDC.put(CorrelationIds.MDC_KEY, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationIds.MDC_KEY);
        }
    }
}
