package com.fulfillment.standalone.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the standalone runtime keeps its embedded event database small ({@code fulfillment.storage.*}).
 *
 * @param compactionInterval pause between two compaction runs of the H2 file; zero turns compaction off
 * @param compactionWriteLimit most live data one run rewrites (commits wait while it does)
 * @param compactionQuietInterval pause between two runs while the app commits next to nothing and the runs still
 *                                move chunks or make them denser (at most the compaction interval)
 */
@ConfigurationProperties("fulfillment.storage")
public record StorageProperties(
        @DefaultValue("1s") Duration compactionInterval,
        @DefaultValue("4MB") DataSize compactionWriteLimit,
        @DefaultValue("100ms") Duration compactionQuietInterval) {
}
