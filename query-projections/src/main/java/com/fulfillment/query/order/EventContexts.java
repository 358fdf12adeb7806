package com.fulfillment.query.order;

import com.fulfillment.kernel.CompensationFailedEvent;

/** Names the bounded context an event comes from, for the order timeline. */
final class EventContexts {

    private static final String ROOT = "com.fulfillment.";

    private EventContexts() {
    }

    /** A context's published events live in {@code com.fulfillment.<context>.api}; a failed compensation names its own. */
    static String contextOf(Object payload) {
        if (payload instanceof CompensationFailedEvent failure) {
            return failure.context();
        }
        String packageName = payload.getClass().getPackageName();
        if (!packageName.startsWith(ROOT)) {
            return packageName;
        }
        String rest = packageName.substring(ROOT.length());
        int end = rest.indexOf('.');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
