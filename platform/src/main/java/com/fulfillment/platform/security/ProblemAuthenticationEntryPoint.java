package com.fulfillment.platform.security;

import com.fulfillment.access.AccessProblems;
import com.fulfillment.platform.web.ProblemWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid credentials: 401, the scheme to use in {@code WWW-Authenticate} (set by the
 * mode's own entry point, {@code challenge}), and a problem body.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final AuthenticationEntryPoint challenge;
    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(AuthenticationEntryPoint challenge, ProblemWriter problems) {
        this.challenge = challenge;
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException, ServletException {
        challenge.commence(request, response, refused);
        String detail = refused instanceof InsufficientAuthenticationException
                        ? "this resource needs an authenticated user"
                        : "the credentials are not valid: the user name or password is wrong, or the token is not";
        problems.write(response, AccessProblems.unauthorized(detail, request.getRequestURI()));
    }
}
