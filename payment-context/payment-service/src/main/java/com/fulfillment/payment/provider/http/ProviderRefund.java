package com.fulfillment.payment.provider.http;

import java.math.BigDecimal;

/** A refund as the provider's API shows it. */
public record ProviderRefund(String refundId, String chargeId, BigDecimal amount, String currency) {}
