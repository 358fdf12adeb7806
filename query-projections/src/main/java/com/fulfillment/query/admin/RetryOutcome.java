package com.fulfillment.query.admin;

import java.util.List;

/** What a retry of dead-lettered sequences achieved: which sequences went through and which failed again. */
public record RetryOutcome(
        List<String> succeeded,
        List<String> failedAgain) {}
