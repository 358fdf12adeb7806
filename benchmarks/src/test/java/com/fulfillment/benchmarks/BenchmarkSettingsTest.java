package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Settings read as they were given on the command line, through the Gatling Maven plugin's forked JVM. */
class BenchmarkSettingsTest {

    @AfterEach
    void clear() {
        System.getProperties().keySet().removeIf(key -> key.toString().startsWith(BenchmarkSettings.PREFIX));
    }

    @Test
    void aValueWithASpaceLosesTheQuotesThePluginWrappedItIn() {
        // what the plugin's forked JVM is given for -Dbench.label="single, warm" -Dbench.appJvmArgs="-Da=1 -Db=2"
        System.setProperty("bench.label", "\"single, warm\"");
        System.setProperty("bench.appJvmArgs", "\"-Da=1 -Db=2\"");

        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

        assertThat(settings.label()).isEqualTo("single, warm");
        assertThat(settings.appJvmArgs()).isEqualTo("-Da=1 -Db=2");
        assertThat(BenchmarkSettings.command())
                .contains("-Dbench.appJvmArgs='-Da=1 -Db=2'", "-Dbench.label='single, warm'");
    }

    @Test
    void otherValuesStayAsTheyAre() {
        System.setProperty("bench.label", "a \"quoted\" word");
        System.setProperty("bench.appJvmArgs", "-XX:StartFlightRecording=delay=240s");

        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();

        assertThat(settings.label()).isEqualTo("a \"quoted\" word");
        assertThat(settings.appJvmArgs()).isEqualTo("-XX:StartFlightRecording=delay=240s");
        assertThat(BenchmarkSettings.unquoted("\"")).isEqualTo("\"");
    }
}
