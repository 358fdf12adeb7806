package com.fulfillment.access;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The problem bodies of a refusal: 401 when the caller is not known, 403 naming the permission that is missing.
 * Refusals decided by a URL rule ({@link AccessRules}) come from the app's access denied handler (platform's for the
 * services and the standalone app, the gateway's own); those that depend on a request's content (a customer naming
 * another customer) are thrown by the controller with {@link #forbidden}.
 */
public final class AccessProblems {

    public static final URI UNAUTHORIZED = URI.create("urn:fulfillment:problem:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:fulfillment:problem:forbidden");

    private AccessProblems() {
    }

    public static ProblemDetail unauthorized(String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setType(UNAUTHORIZED);
        problem.setTitle("Unauthorized");
        problem.setInstance(URI.create(instance));
        return problem;
    }

    /** 403 with {@code requiredPermissions}: what the caller would need to be allowed. */
    public static ProblemDetail forbidden(String detail, List<String> requiredPermissions, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setType(FORBIDDEN);
        problem.setTitle("Forbidden");
        problem.setInstance(URI.create(instance));
        problem.setProperty("requiredPermissions", requiredPermissions);
        return problem;
    }

    /** A refusal a controller throws; Spring MVC answers it with its problem body. */
    public static ErrorResponseException forbidden(String detail, String requiredPermission, String instance) {
        return new ErrorResponseException(HttpStatus.FORBIDDEN,
                                          forbidden(detail, List.of(requiredPermission), instance), null);
    }
}
