package com.fulfillment.query.customer;

import com.fulfillment.kernel.Money;
import com.fulfillment.query.batch.StoredValues;

/**
 * What one order adds to its customer's totals: one order, one confirmed order if it stayed confirmed,
 * and what was charged for it and not refunded ({@code null} while nothing was charged).
 */
record Contribution(long orders, long confirmed, Money paid) {

    static final Contribution NONE = new Contribution(0, 0, null);

    /** What changes in the totals when an order's contribution goes from {@code before} to this one. */
    Contribution minus(Contribution before) {
        Money paidNow = paid;
        Money paidBefore = before == null ? null : before.paid;
        Money paidDifference;
        if (paidNow == null && paidBefore == null || paidNow != null && paidNow.equals(paidBefore)) {
            paidDifference = null;
        } else if (paidBefore == null) {
            paidDifference = paidNow;
        } else if (paidNow == null) {
            paidDifference = Money.zero(paidBefore.currency()).minus(paidBefore);
        } else {
            paidDifference = paidNow.minus(paidBefore);
        }
        return before == null ? this : new Contribution(orders - before.orders, confirmed - before.confirmed, paidDifference);
    }

    /** As Spring Data's mapping stores it, inside a document that writes itself. */
    org.bson.Document stored() {
        org.bson.Document stored = new org.bson.Document("orders", orders).append("confirmed", confirmed);
        StoredValues.putSet(stored, "paid", StoredValues.money(paid));
        return stored;
    }

    /** Nothing to add: a paid amount that did not change is {@code null} here, its currency already listed. */
    boolean changesNothing() {
        return orders == 0 && confirmed == 0 && paid == null;
    }
}
