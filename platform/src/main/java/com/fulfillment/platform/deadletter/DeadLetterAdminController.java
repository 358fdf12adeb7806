package com.fulfillment.platform.deadletter;

import com.fulfillment.platform.deadletter.DeadLetterAdmin.StuckOrder;
import com.fulfillment.platform.web.NotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operators: orders whose events a saga or policy parked, retrying an order's parked events once the cause
 * is fixed, and giving up on one. Keep {@code /api/admin/**} behind operators' authentication.
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterAdminController {

    private final DeadLetterAdmin admin;

    public DeadLetterAdminController(DeadLetterAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    public List<StuckOrder> stuckOrders() {
        return admin.stuckOrders();
    }

    /** {@code handled}: false when an event failed again; it and the later ones stay parked. */
    @PostMapping("/{processingGroup}/orders/{orderId}/retry")
    public Map<String, Object> retry(@PathVariable String processingGroup, @PathVariable String orderId) {
        boolean handled = admin.retry(known(processingGroup), orderId)
                               .orElseThrow(() -> new NotFoundException(
                                       "order " + orderId + " has no dead letters in " + processingGroup));
        return Map.of("processingGroup", processingGroup, "orderId", orderId, "handled", handled);
    }

    @DeleteMapping("/{processingGroup}/letters/{eventId}")
    public ResponseEntity<Void> evict(@PathVariable String processingGroup, @PathVariable String eventId) {
        if (!admin.evict(known(processingGroup), eventId)) {
            throw new NotFoundException("no dead letter " + eventId + " in " + processingGroup);
        }
        return ResponseEntity.noContent().build();
    }

    private String known(String processingGroup) {
        if (!admin.isGroup(processingGroup)) {
            throw new NotFoundException("no saga or policy keeps dead letters as " + processingGroup);
        }
        return processingGroup;
    }
}
