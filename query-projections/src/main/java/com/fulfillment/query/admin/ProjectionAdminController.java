package com.fulfillment.query.admin;

import com.fulfillment.query.web.QueryProblems;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operators: how each projection stands, rebuilding one from the event store, and the events it
 * could not apply. Nothing here is meant for customers; the application should keep
 * {@code /api/admin/**} behind its operators' authentication.
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProjectionAdminController {

    private final ProjectionAdmin admin;

    public ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    public List<ProjectionStatus> projections() {
        return admin.statuses();
    }

    @GetMapping("/{projection}")
    public ProjectionStatus projection(@PathVariable String projection) {
        return admin.status(known(projection));
    }

    /** Accepted, not done: follow the progress at the projection's own address. */
    @PostMapping("/{projection}/rebuild")
    public ResponseEntity<ProjectionStatus> rebuild(@PathVariable String projection) {
        ProjectionStatus status = admin.rebuild(known(projection));
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/" + projection)).body(status);
    }

    @GetMapping("/{projection}/dead-letters")
    public List<DeadLetterSequence> deadLetters(@PathVariable String projection) {
        return admin.deadLetters(known(projection));
    }

    @PostMapping("/{projection}/dead-letters/retry")
    public RetryOutcome retryAll(@PathVariable String projection) {
        return admin.retryAll(known(projection));
    }

    @PostMapping("/{projection}/dead-letters/sequences/{sequenceId}/retry")
    public RetryOutcome retry(@PathVariable String projection, @PathVariable String sequenceId) {
        return admin.retry(known(projection), sequenceId)
                    .orElseThrow(() -> QueryProblems.notFound("dead-letter sequence", "sequenceId", sequenceId));
    }

    @DeleteMapping("/{projection}/dead-letters/letters/{eventId}")
    public ResponseEntity<Void> evict(@PathVariable String projection, @PathVariable String eventId) {
        if (!admin.evict(known(projection), eventId)) {
            throw QueryProblems.notFound("dead letter", "eventId", eventId);
        }
        return ResponseEntity.noContent().build();
    }

    private static String known(String projection) {
        if (!ProjectionAdmin.isProjection(projection)) {
            throw QueryProblems.notFound("projection", "projection", projection);
        }
        return projection;
    }
}
