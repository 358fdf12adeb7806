package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

class TokenTableTest {

    private JdbcTemplate jdbc;
    private TokenTable tokens;

    @BeforeEach
    void tokenTableOfTheRuntimeSchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + getClass().getSimpleName() + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        tokens = new TokenTable(jdbc);
    }

    @Test
    void tokensOfProcessorsThatNoLongerKeepThemHereAreRemoved() {
        token("order-fulfillment-saga", 0, null);
        token("order-view", 0, null);
        token("order-view", 1, null);

        assertThat(tokens.removeAllBut(Set.of("order-fulfillment-saga", "payment-saga"))).containsExactly("order-view");

        assertThat(jdbc.queryForList("SELECT processorName FROM TokenEntry", String.class))
                .containsExactly("order-fulfillment-saga");
    }

    @Test
    void claimsLeftByAKilledProcessAreReleased() {
        token("payment-provider", 0, "4242@host");
        token("payment-provider", 1, "4242@host");
        token("payment-saga", 0, null);

        assertThat(tokens.releaseClaims()).isEqualTo(2);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM TokenEntry WHERE owner IS NOT NULL", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM TokenEntry", Integer.class)).isEqualTo(3);
    }

    private void token(String processor, int segment, String owner) {
        jdbc.update("INSERT INTO TokenEntry (processorName, segment, token, tokenType, timestamp, owner)"
                    + " VALUES (?, ?, NULL, NULL, '2026-12-05T00:00:00Z', ?)", processor, segment, owner);
    }
}
