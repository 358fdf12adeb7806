package com.fulfillment.query.admin;

import java.util.List;

/**
 * The parked events of one sequence (an order, or a product), oldest first. Once one event of a
 * sequence failed, the later ones are parked behind it unapplied, so that a retry applies them in order.
 */
public record DeadLetterSequence(
        String sequenceId,
        List<DeadLetterView> letters) {}
