package com.fulfillment.overview;

/**
 * A source refused a part to whoever asked for the overview (a service answered 401 or 403 to the caller's
 * credentials): the part is missing from this overview, but the source is not failing, so the part's circuit
 * breaker does not count the call, and one caller's refusals never keep the part from others.
 */
public class PartRefusedException extends RuntimeException {

    public PartRefusedException(String message) {
        super(message);
    }
}
