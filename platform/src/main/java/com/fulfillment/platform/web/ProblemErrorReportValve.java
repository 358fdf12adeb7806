package com.fulfillment.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report, for the requests it refuses before any servlet sees them (an encoded {@code /},
 * {@code \} or NUL in the path, a malformed request line or header): an RFC 9457 problem body like every
 * other error of the API, instead of Tomcat's HTML page. Errors inside the application never get here with
 * an empty body; Spring answers those itself.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    private final ObjectMapper json;

    public ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same conditions as Tomcat's own report: only an error, only once, only on an unwritten response.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            String body = json.writeValueAsString(problem(status, request));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("could not write the problem body of a refused request", e);
        }
    }

    private static ProblemDetail problem(int status, Request request) throws JsonProcessingException {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        if (status == HttpStatus.BAD_REQUEST.value()) {
            problem.setTitle("Invalid request");
            problem.setDetail("the request cannot be read: its path holds an encoded '/', '\\' or NUL, "
                              + "or its request line or headers are malformed");
        } else if (known != null) {
            problem.setTitle(known.getReasonPhrase());
        }
        String path = request.getRequestURI();
        if (path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // a request line too broken to name: the problem is still answered, without it
            }
        }
        return problem;
    }
}
