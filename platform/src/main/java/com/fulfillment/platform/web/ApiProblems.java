package com.fulfillment.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fulfillment.platform.CommandFailure;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the REST API into an RFC 9457 problem body that names the offending field and the
 * reason. Input errors are 400, unknown aggregates 404, refused state transitions 409; anything unexpected is
 * a 500 whose body says nothing of the internals (the log has the details, under the correlation id).
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(),
                                     "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ex.getBindingResult().getGlobalErrors().forEach(error -> log.debug("global error {}", error));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .collect(Collectors.joining("; ")), request);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", result.getMethodParameter().getParameterName() == null
                                 ? "parameter" : result.getMethodParameter().getParameterName(),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .collect(Collectors.joining("; ")), request);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getCause();
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                                     .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                                                   tooLarge.getMessage(), request));
            }
        }
        ProblemDetail problem;
        JsonParseException syntax = syntaxError(ex);
        if (syntax != null) {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                              "the request body is not valid JSON: " + syntax.getOriginalMessage(), request);
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": unknown field", request);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "unknown field")));
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String reason = "cannot be read as the expected type";
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + reason, request);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", reason)));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed request", "the request body is missing or unreadable",
                              request);
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .collect(Collectors.joining("; ")), request);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A rule of the domain refused the input (the aggregate re-checks what validation let through). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> refusedInput(IllegalArgumentException ex, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request",
                                                        ex.getMessage(), request));
    }

    /**
     * A command handler refused or failed; in the distributed shape this is how every handler's failure
     * arrives, with the {@link CommandFailure} it was sent back with.
     */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException ex, WebRequest request) {
        CommandFailure failure = CommandFailure.of(ex);
        return switch (failure.kind()) {
            case NOT_FOUND -> answer(HttpStatus.NOT_FOUND, "Not found", failure.message(), request);
            case ALREADY_EXISTS, CONCURRENT_CHANGE, CONFLICT ->
                    answer(HttpStatus.CONFLICT, "Conflict", failure.message(), request);
            case INVALID -> answer(HttpStatus.BAD_REQUEST, "Invalid request", failure.message(), request);
            case FAILED -> unexpected(ex, request);
        };
    }

    /** No running service handles the command or query right now (one is down or still connecting): try again. */
    @ExceptionHandler({NoHandlerForCommandException.class, NoHandlerForQueryException.class})
    ResponseEntity<ProblemDetail> noHandler(AxonException ex, WebRequest request) {
        log.warn("No handler answering {}: {}", describe(request), ex.getMessage());
        return unavailable("the service that handles this request is not available; try again later", request);
    }

    /** 503 with {@code Retry-After}: nothing was done, and the same request may succeed shortly. */
    public static ResponseEntity<ProblemDetail> unavailable(String detail, WebRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                             .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail, request));
    }

    /**
     * A refusal a controller throws when it does not take a request on now: {@code 503} while the service is
     * busy, {@code 429} while the caller has sent more than they may. Nothing was done, and the same request may
     * succeed after {@code retryAfter}, which the answer's {@code Retry-After} header gives in whole seconds.
     */
    public static ErrorResponseException tryLater(HttpStatus status, URI type, String title, String detail,
                                                  Duration retryAfter, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setInstance(URI.create(instance));
        ErrorResponseException refusal = new ErrorResponseException(status, problem, null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER,
                                 String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return refusal;
    }

    /**
     * A refusal a controller throws for a value that passed binding but not a rule only the controller checks: a
     * {@code 400} problem naming the field in its {@code detail} and in {@code errors}, as a failed validation does.
     */
    public static ErrorResponseException invalidField(String field, String message, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setTitle("Invalid request");
        problem.setInstance(URI.create(instance));
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String title, String detail,
                                                        WebRequest request) {
        return ResponseEntity.status(status).body(problem(status, title, detail, request));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException ex, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found",
                "no such resource: " + ex.getAggregateIdentifier(), request));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found",
                                                                        ex.getMessage(), request));
    }

    /** The resource exists but its state does not allow what was asked, e.g. cancelling a rejected order. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> conflict(IllegalStateException ex, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "Conflict",
                                                                       ex.getMessage(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error answering {}", describe(request), ex);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error", "the request could not be completed; it was logged with its correlation id",
                request));
    }

    /** The JSON syntax error behind a failed read, also when Jackson reports it while mapping a field. */
    private static @Nullable JsonParseException syntaxError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException syntax) {
                return syntax;
            }
        }
        return null;
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail,
                                         WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return problem;
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
               ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
               : request.getDescription(false);
    }
}
