package com.fulfillment.query.api;

/** The bounds every paged query obeys, so that no client can ask for an unbounded read. */
public final class Paging {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private Paging() {
    }

    /** Refuses a page before it reaches the database; the message is shown to the client as it is. */
    public static void requireValid(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    /** How many pages of the given size the given number of items fill. */
    public static int pageCount(long items, int size) {
        return (int) ((items + size - 1) / size);
    }
}
