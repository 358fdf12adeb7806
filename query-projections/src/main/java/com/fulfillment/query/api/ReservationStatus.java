package com.fulfillment.query.api;

/**
 * Where an order's stock stands as a whole: still being reserved, all reserved, refused for a
 * shortage, given back before a sale, sold (left the warehouse), or put back after a cancelled sale.
 */
public enum ReservationStatus {
    PENDING,
    RESERVED,
    REJECTED,
    RELEASED,
    SOLD,
    RETURNED
}
