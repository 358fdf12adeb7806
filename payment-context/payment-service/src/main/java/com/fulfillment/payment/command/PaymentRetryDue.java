package com.fulfillment.payment.command;

/** The payload of a payment's retry deadlines, of a charge or a refund: the number of the attempt it is due to start. */
record PaymentRetryDue(int attempt) {}
