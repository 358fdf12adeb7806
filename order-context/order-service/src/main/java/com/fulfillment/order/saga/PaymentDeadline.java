package com.fulfillment.order.saga;

import java.time.Duration;

/** The payload of an order's payment deadline: the timeout it was scheduled with, so the rejection can name it. */
record PaymentDeadline(Duration timeout) {}
