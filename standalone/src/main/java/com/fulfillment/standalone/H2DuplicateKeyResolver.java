package com.fulfillment.standalone;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an H2 unique-constraint violation is a duplicate key. Axon's JDBC error-code table
 * does not know H2 2.x's code, and without this a concurrent append to the same aggregate surfaces as
 * an {@code EventStoreException} instead of a {@code ConcurrencyException} that callers can retry.
 */
class H2DuplicateKeyResolver implements PersistenceExceptionResolver {

    /** SQLSTATE for "unique constraint violated", which H2 also uses as its vendor code. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
