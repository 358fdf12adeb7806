package com.fulfillment.order.api;

/** Lifecycle of an order: pending until it is confirmed, rejected or cancelled. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED
}
