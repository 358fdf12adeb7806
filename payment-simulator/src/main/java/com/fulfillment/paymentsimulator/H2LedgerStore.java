package com.fulfillment.paymentsimulator;

import com.fulfillment.paymentsimulator.SimulatedProvider.Charge;
import com.fulfillment.paymentsimulator.SimulatedProvider.Refund;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The simulator's ledger in an H2 database of its own (a file under the standalone app's data directory), as a
 * provider keeps its books apart from its clients'. The simulator creates its tables itself. Every write is an
 * auto-committed insert, so with {@code WRITE_DELAY=0} in the URL a charge is on disk before it is answered
 * and survives {@code kill -9}. Plain JDBC over H2's own connection pool rather than Spring's: a
 * {@code DataSource} bean here would be taken by the host app's auto-configuration for its own storage.
 */
public class H2LedgerStore implements LedgerStore {

    private static final String CREATE_CHARGES = """
            CREATE TABLE IF NOT EXISTS simulator_charges (
                idempotency_key VARCHAR(255) PRIMARY KEY,
                charge_id       VARCHAR(64)   NOT NULL,
                order_id        VARCHAR(255)  NOT NULL,
                amount          VARCHAR(64)   NOT NULL,
                currency        VARCHAR(3)    NOT NULL,
                status          VARCHAR(16)   NOT NULL,
                decline_reason  VARCHAR(1000),
                made_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL
            )""";
    private static final String CREATE_REFUNDS = """
            CREATE TABLE IF NOT EXISTS simulator_refunds (
                idempotency_key VARCHAR(255) PRIMARY KEY,
                refund_id       VARCHAR(64)   NOT NULL,
                charge_id       VARCHAR(64)   NOT NULL,
                amount          VARCHAR(64)   NOT NULL,
                currency        VARCHAR(3)    NOT NULL,
                made_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL
            )""";

    private final JdbcConnectionPool pool;

    /** @param url an H2 JDBC URL; include {@code WRITE_DELAY=0} for a ledger that survives a crash */
    public H2LedgerStore(String url) {
        Objects.requireNonNull(url, "ledger url must not be null");
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(CREATE_CHARGES);
            statement.execute(CREATE_REFUNDS);
        } catch (SQLException failure) {
            pool.dispose();
            throw new IllegalStateException("cannot open the simulator's ledger at " + url, failure);
        }
    }

    @Override
    public Books load() {
        List<Charge> charges = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT charge_id, idempotency_key, order_id, amount, currency, status, decline_reason, made_at "
                    + "FROM simulator_charges")) {
                while (rows.next()) {
                    charges.add(new Charge(rows.getString(1), rows.getString(2), rows.getString(3),
                                           new BigDecimal(rows.getString(4)), rows.getString(5), rows.getString(6),
                                           rows.getString(7), rows.getTimestamp(8).toInstant()));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT refund_id, charge_id, idempotency_key, amount, currency, made_at FROM simulator_refunds")) {
                while (rows.next()) {
                    refunds.add(new Refund(rows.getString(1), rows.getString(2), rows.getString(3),
                                           new BigDecimal(rows.getString(4)), rows.getString(5),
                                           rows.getTimestamp(6).toInstant()));
                }
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot read the simulator's ledger", failure);
        }
        return new Books(charges, refunds);
    }

    @Override
    public void charged(Charge charge) {
        // Amounts as text: read back exactly as written, so a repeated answer shows the first one's figures.
        insert("INSERT INTO simulator_charges (idempotency_key, charge_id, order_id, amount, currency, status, "
               + "decline_reason, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               charge.idempotencyKey(), charge.chargeId(), charge.orderId(), charge.amount().toPlainString(),
               charge.currency(), charge.status(), charge.declineReason(), Timestamp.from(charge.at()));
    }

    @Override
    public void refunded(Refund refund) {
        insert("INSERT INTO simulator_refunds (idempotency_key, refund_id, charge_id, amount, currency, made_at) "
               + "VALUES (?, ?, ?, ?, ?, ?)",
               refund.idempotencyKey(), refund.refundId(), refund.chargeId(), refund.amount().toPlainString(),
               refund.currency(), Timestamp.from(refund.at()));
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private void insert(String sql, Object... values) {
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        } catch (SQLException failure) {
            // No answer rather than one the provider would not remember: the client asks again with the same key.
            throw new IllegalStateException("cannot keep " + sql.substring(0, sql.indexOf('(')).trim(), failure);
        }
    }
}
