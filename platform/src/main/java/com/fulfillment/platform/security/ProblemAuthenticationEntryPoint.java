package com.fulfillment.platform.security;

import com.fulfillment.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** Answers a request without valid credentials: 401, the scheme to use in {@code WWW-Authenticate}, a problem body. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final String challenge;
    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(String challenge, ProblemWriter problems) {
        this.challenge = challenge;
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        String detail = refused instanceof BadCredentialsException
                        ? "the user name or password is wrong"
                        : "this resource needs an authenticated user";
        problems.write(response, AccessProblems.unauthorized(detail, request.getRequestURI()));
    }
}
