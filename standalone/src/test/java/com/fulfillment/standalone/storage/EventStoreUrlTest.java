package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.h2.jdbcx.JdbcDataSource;
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

    @Test
    void theConfiguredUrlOpensTheDatabaseWithTheSettingsItsCommentsPromise() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties configuration = yaml.getObject();
        String url = configuration.getProperty("spring.datasource.url")
                                  .replace("${fulfillment.data-dir}", dataDir.toString());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(setting(jdbc, "WRITE_DELAY")).containsOnly("0");
        assertThat(setting(jdbc, "RETENTION_TIME")).contains("2000");
        assertThat(setting(jdbc, "QUERY_CACHE_SIZE")).singleElement()
                                                    .satisfies(size -> assertThat(Integer.parseInt(size)).isGreaterThanOrEqualTo(64));
        jdbc.execute("SHUTDOWN");
    }

    /** H2 lists some settings twice: as given in the URL and as the store applies it. */
    private static List<String> setting(JdbcTemplate jdbc, String name) {
        return jdbc.queryForList("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?",
                                   String.class, name);
    }
}
