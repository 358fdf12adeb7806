package com.fulfillment.paymentsimulator;

import com.fulfillment.paymentsimulator.SimulatedProvider.Admission;
import com.fulfillment.paymentsimulator.SimulatedProvider.ChargeOutcome;
import com.fulfillment.paymentsimulator.SimulatedProvider.KeyConflictException;
import com.fulfillment.paymentsimulator.SimulatedProvider.RefundOutcome;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider API the payment context's HTTP client speaks:
 * <ul>
 *   <li>{@code POST /simulator/charges} with an {@code Idempotency-Key} header authorises and captures a
 *       charge: 201 with the charge, 200 with the same charge when the key was used before, 402 when
 *       declined (again on every repeat), 409 when the key was used for another order or amount;</li>
 *   <li>{@code POST /simulator/charges/{key}/refunds} refunds the charge made under that key: 201, or 200
 *       with the earlier refund; 404 without a captured charge, 422 for more than was captured;</li>
 *   <li>{@code GET /simulator/charges/{key}} looks a charge up by its idempotency key: 200 or 404.</li>
 * </ul>
 * Every request first goes through the injected faults: 503 while hard down, the added latency, then the
 * error rate's 5xx. A charge may also be made and its answer held back past the client's timeout.
 */
@RestController
@ConditionalOnProperty(prefix = "payment-simulator", name = "enabled", matchIfMissing = true)
@RequestMapping(PaymentSimulatorConfiguration.PATH)
class ProviderApiController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SimulatedProvider provider;

    ProviderApiController(SimulatedProvider provider) {
        this.provider = provider;
    }

    @PostMapping("/charges")
    ResponseEntity<?> charge(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                             @RequestBody ChargeBody body) throws InterruptedException {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "the Idempotency-Key header is required");
        }
        provider.countChargeRequest(idempotencyKey);
        ResponseEntity<?> refused = refusedByFaults();
        if (refused != null) {
            return refused;
        }
        if (body.orderId() == null || body.amount() == null || body.amount().signum() <= 0 || body.currency() == null) {
            return error(HttpStatus.BAD_REQUEST, "orderId, a positive amount and currency are required");
        }
        ChargeOutcome outcome;
        try {
            outcome = provider.charge(idempotencyKey, body.orderId(), body.amount(), body.currency());
        } catch (KeyConflictException conflict) {
            return error(HttpStatus.CONFLICT, conflict.getMessage());
        }
        provider.holdBackAnswer();
        HttpStatus status = SimulatedProvider.DECLINED.equals(outcome.charge().status()) ? HttpStatus.PAYMENT_REQUIRED
                            : outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status)
                             .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                             .body(outcome.charge());
    }

    @GetMapping("/charges/{idempotencyKey}")
    ResponseEntity<?> lookUp(@PathVariable String idempotencyKey) throws InterruptedException {
        ResponseEntity<?> refused = refusedByFaults();
        if (refused != null) {
            return refused;
        }
        return provider.findCharge(idempotencyKey)
                       .<ResponseEntity<?>>map(ResponseEntity::ok)
                       .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no charge under " + idempotencyKey));
    }

    @PostMapping("/charges/{idempotencyKey}/refunds")
    ResponseEntity<?> refund(@PathVariable String idempotencyKey, @RequestBody RefundBody body)
            throws InterruptedException {
        ResponseEntity<?> refused = refusedByFaults();
        if (refused != null) {
            return refused;
        }
        if (body.amount() == null || body.amount().signum() <= 0 || body.currency() == null) {
            return error(HttpStatus.BAD_REQUEST, "a positive amount and currency are required");
        }
        RefundOutcome outcome = provider.refund(idempotencyKey, body.amount(), body.currency());
        if (outcome instanceof RefundOutcome.Refused refusal) {
            return error(HttpStatus.valueOf(refusal.status()), refusal.reason());
        }
        RefundOutcome.Made made = (RefundOutcome.Made) outcome;
        return ResponseEntity.status(made.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                             .header("Idempotent-Replayed", String.valueOf(made.replayed()))
                             .body(made.refund());
    }

    private ResponseEntity<?> refusedByFaults() throws InterruptedException {
        Admission admission = provider.admit();
        return switch (admission) {
            case PROCEED -> null;
            case DOWN -> error(HttpStatus.SERVICE_UNAVAILABLE, "the provider is down");
            case ERROR -> error(HttpStatus.valueOf(provider.errorStatus()), "injected provider error");
        };
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }

    /** A charge request: the order it pays for and the amount, a decimal string in {@code currency}. */
    record ChargeBody(String orderId, BigDecimal amount, String currency) {}

    /** A refund request for the charge named in the path. */
    record RefundBody(BigDecimal amount, String currency) {}
}
