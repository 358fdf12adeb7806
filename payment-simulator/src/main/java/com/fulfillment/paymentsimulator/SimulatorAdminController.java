package com.fulfillment.paymentsimulator;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Faults are injected at run time here: {@code GET /simulator/admin} shows them, {@code POST /simulator/admin}
 * changes the fields it names ({@link FaultChanges}, the same shape the GET shows),
 * {@code POST /simulator/admin/reset} restores the configured ones. {@code GET /simulator/ledger} shows the provider's books.
 */
@RestController
@ConditionalOnProperty(prefix = "payment-simulator", name = "enabled", matchIfMissing = true)
@RequestMapping(PaymentSimulatorConfiguration.PATH)
class SimulatorAdminController {

    private final SimulatedProvider provider;

    SimulatorAdminController(SimulatedProvider provider) {
        this.provider = provider;
    }

    @GetMapping("/admin")
    FaultChanges faults() {
        return provider.faults().asChanges();
    }

    @PostMapping("/admin")
    ResponseEntity<?> change(@RequestBody FaultChanges changes) {
        try {
            return ResponseEntity.ok(provider.change(changes).asChanges());
        } catch (IllegalArgumentException invalid) {
            return ResponseEntity.badRequest().body(Map.of("error", invalid.getMessage()));
        }
    }

    @PostMapping("/admin/reset")
    FaultChanges reset() {
        return provider.resetFaults().asChanges();
    }

    @GetMapping("/ledger")
    SimulatedProvider.Ledger ledger() {
        return provider.ledger();
    }
}
