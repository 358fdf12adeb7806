package com.fulfillment.standalone.storage;

import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Startup upkeep of Axon's token table in the embedded event database, done before any processor starts.
 *
 * <p>Axon keeps a token row per processor and segment for ever, also after a processor was renamed, removed,
 * moved to another token store (the projections' tokens live next to the read models) or made subscribing; such rows
 * are never read again, so they are removed.
 *
 * <p>A processor that was killed ({@code kill -9}, power loss) leaves its segments claimed, and Axon lets
 * another owner take them only once the claim timed out, so every saga and policy would wait that long before
 * catching up. The embedded file is open in one process at a time (H2 locks it), so at startup every claim in it
 * belongs to a process that is gone and is released.
 */
final class TokenTable {

    private final JdbcTemplate jdbc;

    TokenTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes every token row whose processor is not one of {@code processors}; returns the names removed. */
    List<String> removeAllBut(Set<String> processors) {
        List<String> stale = jdbc.queryForList("SELECT DISTINCT processorName FROM TokenEntry", String.class)
                                 .stream()
                                 .filter(name -> !processors.contains(name))
                                 .sorted()
                                 .toList();
        stale.forEach(name -> jdbc.update("DELETE FROM TokenEntry WHERE processorName = ?", name));
        return stale;
    }

    /** Releases the claims left by a previous process; returns how many segments were claimed. */
    int releaseClaims() {
        return jdbc.update("UPDATE TokenEntry SET owner = NULL WHERE owner IS NOT NULL");
    }
}
