package com.fulfillment.platform.security;

import com.fulfillment.access.AccessProblems;
import com.fulfillment.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers an authenticated caller who lacks a permission: 403 with a problem body naming the permission. */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter problems;

    ProblemAccessDeniedHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        List<String> required = required(denied);
        String detail = required.isEmpty()
                        ? "this resource is not available to " + request.getRemoteUser()
                        : "this resource needs " + String.join(" or ", required);
        problems.write(response, AccessProblems.forbidden(detail, required, request.getRequestURI()));
    }

    /** The authorities the URL rule asked for, as the rule's decision carries them. */
    private static List<String> required(AccessDeniedException denied) {
        if (denied instanceof AuthorizationDeniedException refusal
            && refusal.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            return decision.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
        }
        return List.of();
    }
}
