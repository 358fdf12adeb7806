package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.platform.storage.ReopeningFilePath;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store's database, opened with the JDBC URL of the app's configuration, has the settings the
 * configuration's comments promise: every commit written at once (an acknowledged command survives
 * {@code kill -9}), dead chunks reused after 2 s, and room for the statements the app repeats, so that they are
 * parsed once per connection instead of on nearly every use.
 */
class EventStoreUrlTest {

    @TempDir
    Path dataDir;

    /** As the app does before it opens its data source ({@code ReopeningFileSystemConfiguration}). */
    @BeforeAll
    static void registerTheFileSystemTheUrlNames() {
        ReopeningFilePath.register();
    }

    @Test
    void theConfiguredUrlOpensTheDatabaseWithTheSettingsItsCommentsPromise() {
        String url = configuredUrl();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(setting(jdbc, "WRITE_DELAY")).containsOnly("0");
        assertThat(setting(jdbc, "RETENTION_TIME")).contains("2000");
        assertThat(setting(jdbc, "QUERY_CACHE_SIZE")).singleElement()
                                                    .satisfies(size -> assertThat(Integer.parseInt(size)).isGreaterThanOrEqualTo(64));
        jdbc.execute("SHUTDOWN");
    }

    /**
     * Axon interrupts the threads of its processors and handlers when it stops them, and such a thread may be in the
     * middle of a write. H2's plain file channel is closed for good by an interrupted write ({@code
     * ClosedByInterruptException}): every later statement of every connection fails until the database is opened
     * again. The configured file system must survive that, and leave the interrupt to the thread (H2's {@code
     * retry:} reopens the file but clears the thread's interrupt, so a processor being stopped would go on; seen
     * failing with both, passing with {@code async:} and {@code reopening:}). One
     * connection stays open throughout, so that the database is not simply opened anew.
     */
    @Test
    void writersInterruptedMidWriteLeaveTheDatabaseUsableForTheOthers() throws Exception {
        String url = configuredUrl();
        try (Connection kept = DriverManager.getConnection(url, "sa", "")) {
            kept.createStatement().execute("CREATE TABLE written (id BIGINT PRIMARY KEY, padding VARCHAR(2000))");
            AtomicLong ids = new AtomicLong();
            int interrupted = 0;
            for (int round = 0; round < 20; round++) {
                CountDownLatch writing = new CountDownLatch(1);
                AtomicBoolean sawInterrupt = new AtomicBoolean();
                Thread writer = new Thread(() -> writeUntilInterrupted(url, ids, writing, sawInterrupt));
                writer.start();
                assertThat(writing.await(30, TimeUnit.SECONDS))
                        .as("a writer writes after %d interrupted ones", round).isTrue();
                Thread.sleep(5);
                writer.interrupt();
                writer.join(30_000);
                assertThat(writer.isAlive()).as("the writer stopped on its interrupt (a write must not swallow it)")
                                            .isFalse();
                interrupted += sawInterrupt.get() ? 1 : 0;
            }
            assertThat(interrupted).as("rounds whose writer was interrupted").isPositive();

            kept.createStatement().executeUpdate("INSERT INTO written VALUES (-1, 'after the interrupts')");
            try (Connection other = DriverManager.getConnection(url, "sa", "");
                 ResultSet rows = other.createStatement().executeQuery("SELECT COUNT(*) FROM written")) {
                rows.next();
                assertThat(rows.getLong(1)).as("rows written, the last one included").isGreaterThan(1);
            }
            kept.createStatement().execute("SHUTDOWN");
        }
    }

    /** Inserts, a commit each, until its thread is interrupted (whatever the statement it was in then). */
    private static void writeUntilInterrupted(String url, AtomicLong ids, CountDownLatch writing,
                                              AtomicBoolean sawInterrupt) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO written VALUES (?, ?)")) {
            while (!Thread.currentThread().isInterrupted()) {
                insert.setLong(1, ids.incrementAndGet());
                insert.setString(2, "x".repeat(1_500));
                insert.executeUpdate();
                writing.countDown();
            }
            sawInterrupt.set(true);
        } catch (SQLException failedByTheInterrupt) {
            sawInterrupt.set(true);
        }
    }

    private String configuredUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.datasource.url")
                   .replace("${fulfillment.data-dir}", dataDir.toString());
    }

    /** H2 lists some settings twice: as given in the URL and as the store applies it. */
    private static List<String> setting(JdbcTemplate jdbc, String name) {
        return jdbc.queryForList("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?",
                                   String.class, name);
    }
}
