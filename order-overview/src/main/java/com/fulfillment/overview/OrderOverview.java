package com.fulfillment.overview;

import java.util.List;

/**
 * One order as a client following it wants to see it, gathered from three places: the order view (query side),
 * its payment's attempts (payment context) and the current availability of each product it orders (catalogue
 * read model). A part that could not be had in time is {@code null} and named in {@code missing}, and the whole
 * is then {@code partial}; a part that does not exist (no payment asked for yet) is {@code null} but not missing.
 *
 * @param order        the order view
 * @param payment      the payment's attempts; {@code null} when the order has no payment or it is missing
 * @param availability the catalogue entry of each ordered product that the catalogue knows, in the order's
 *                     line order; {@code null} when missing
 * @param partial      whether some part is missing
 * @param missing      the parts that are missing ({@code payment}, {@code availability}), empty when none is
 */
public record OrderOverview<O, P, A>(String orderId, O order, P payment, List<A> availability, boolean partial,
                                     List<String> missing) {

    public OrderOverview {
        missing = List.copyOf(missing);
        availability = availability == null ? null : List.copyOf(availability);
    }
}
