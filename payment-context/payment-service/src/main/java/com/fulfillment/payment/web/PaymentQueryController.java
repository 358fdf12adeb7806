package com.fulfillment.payment.web;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.FindPaymentAttemptsQuery;
import com.fulfillment.payment.api.PaymentAttemptsView;
import com.fulfillment.platform.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/payments/{orderId}}: how an order's payment is going at the provider ({@link PaymentAttempts}). */
@RestController
@RequestMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentQueryController {

    private final PaymentAttempts attempts;

    PaymentQueryController(PaymentAttempts attempts) {
        this.attempts = attempts;
    }

    @GetMapping("/{orderId}")
    PaymentAttemptsView payment(@PathVariable String orderId) {
        return attempts.handle(new FindPaymentAttemptsQuery(OrderId.of(orderId)))
                       .orElseThrow(() -> new NotFoundException("No payment for order " + orderId));
    }
}
