package com.fulfillment.query.web;

import java.net.URI;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The RFC 9457 problems the read side's endpoints answer with, each with a type a client can switch on. */
public final class QueryProblems {

    public static final URI NOT_FOUND = URI.create("urn:fulfillment:problem:not-found");
    public static final URI INVALID_QUERY = URI.create("urn:fulfillment:problem:invalid-query");

    private QueryProblems() {
    }

    public static ErrorResponseException notFound(String kind, String idProperty, String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                                                                 "No " + kind + " with id '" + id + "' is known.");
        problem.setType(NOT_FOUND);
        problem.setTitle(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " not found");
        problem.setProperty(idProperty, id);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** Builds a query from request parameters; a query that refuses them (a page out of bounds) is the client's error. */
    public static <Q> Q parse(Supplier<Q> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException refused) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refused.getMessage());
            problem.setType(INVALID_QUERY);
            problem.setTitle("Invalid query");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, refused);
        }
    }
}
