package com.fulfillment.query.admin;

import com.fulfillment.platform.CommandFailure;
import com.fulfillment.query.admin.CompensationAdmin.OpenCompensation;
import com.fulfillment.query.web.QueryProblems;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operators: compensations (releases, returns, refunds, sales) that were refused for good, sending one
 * again, and settling one by hand. Closing one is recorded as an event and shows in the order view shortly
 * after, so a list read right after a retry may still show it. Keep {@code /api/admin/**} behind operators'
 * authentication.
 */
@RestController
@RequestMapping(path = "/api/admin/compensations", produces = MediaType.APPLICATION_JSON_VALUE)
public class CompensationAdminController {

    public static final URI STILL_REFUSED = URI.create("urn:fulfillment:problem:compensation-refused");
    public static final URI ALREADY_SETTLED = URI.create("urn:fulfillment:problem:compensation-settled");

    private final CompensationAdmin admin;

    public CompensationAdminController(CompensationAdmin admin) {
        this.admin = admin;
    }

    public static final URI INVALID_SETTLEMENT = URI.create("urn:fulfillment:problem:invalid-settlement");
    private static final int MAX_RESOLUTION = 1000;

    /** What an operator writes when settling by hand: what was done instead of the compensation. */
    public record Settlement(String resolution) {}

    @GetMapping
    public List<OpenCompensation> open() {
        return admin.open();
    }

    @GetMapping("/{failureId}")
    public OpenCompensation compensation(@PathVariable String failureId) {
        return known(failureId);
    }

    /** 202: handled, and the settlement is on its way to the order view. */
    @PostMapping("/{failureId}/retry")
    public ResponseEntity<OpenCompensation> retry(@PathVariable String failureId) {
        OpenCompensation compensation = open(failureId);
        try {
            admin.retry(compensation);
        } catch (IllegalStateException notRetryable) {
            throw problem(HttpStatus.CONFLICT, STILL_REFUSED, "Compensation cannot be retried",
                          notRetryable.getMessage(), failureId);
        } catch (RuntimeException failed) {
            if (!CommandFailure.of(failed).refusedForGood()) {
                throw failed; // not answered: the platform's problems make it a 503 or 500
            }
            throw problem(HttpStatus.CONFLICT, STILL_REFUSED, "Compensation refused again",
                          CommandFailure.of(failed).message(), failureId);
        }
        return ResponseEntity.accepted().body(compensation);
    }

    @PostMapping(path = "/{failureId}/settle", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<OpenCompensation> settle(@PathVariable String failureId,
                                                   @RequestBody(required = false) Settlement settlement) {
        // Checked here rather than with bean validation: the read side's problem handler answers those generically.
        String resolution = settlement == null ? null : settlement.resolution();
        if (resolution == null || resolution.isBlank() || resolution.length() > MAX_RESOLUTION) {
            throw problem(HttpStatus.BAD_REQUEST, INVALID_SETTLEMENT, "Invalid settlement",
                          "resolution: must say what was done instead, in 1 to " + MAX_RESOLUTION + " characters",
                          failureId);
        }
        OpenCompensation compensation = open(failureId);
        admin.settle(compensation, resolution);
        return ResponseEntity.accepted().body(compensation);
    }

    private OpenCompensation known(String failureId) {
        return admin.find(failureId)
                    .orElseThrow(() -> QueryProblems.notFound("failed compensation", "failureId", failureId));
    }

    private OpenCompensation open(String failureId) {
        OpenCompensation compensation = known(failureId);
        if (!compensation.failure().stillOpen()) {
            throw problem(HttpStatus.CONFLICT, ALREADY_SETTLED, "Compensation already settled",
                          "Compensation " + failureId + " was settled at " + compensation.failure().settledAt()
                          + ": " + compensation.failure().resolution(), failureId);
        }
        return compensation;
    }

    private static ErrorResponseException problem(HttpStatus status, URI type, String title, String detail,
                                                  String failureId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setProperty("failureId", failureId);
        return new ErrorResponseException(status, problem, null);
    }
}
