package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderLogTest {

    @Test
    void refusalsAreCountedByTheirStatusAmongTheErrors() {
        OrderLog log = new OrderLog();
        log.add(placed(202, 1));
        log.add(placed(503, 2));
        log.add(placed(503, 3));
        log.add(placed(429, 4));
        log.add(placed(500, 5));
        log.add(placed(0, 6));

        OrderLog.Window window = log.since(0, Double.NaN);

        assertThat(window.errors()).isEqualTo(5);
        assertThat(window.overloaded()).isEqualTo(2);
        assertThat(window.rateLimited()).isEqualTo(1);
    }

    @Test
    void theCsvHasALinePerOrderInTheOrderSentWithTimesFromTheFirstArrival(@TempDir Path dir) throws IOException {
        OrderLog log = new OrderLog();
        log.add(new OrderLog.Entry(Workload.Kind.DECLINED, "order-b", 3_000_000, 5_500_000, 202, "REJECTED",
                                   1_003_000_000));
        log.add(placed(503, 1_000_000));
        Path csv = dir.resolve("orders.csv");

        log.writeCsv(csv);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("orderId,kind,postStatus,finalStatus,sentMillis,postMillis,finalMillis,"
                                           + "sentEpochMillis");
        assertThat(lines.get(1)).startsWith(",NORMAL,503,,0.0,0.0,,");
        assertThat(lines.get(2)).startsWith("order-b,DECLINED,202,REJECTED,2.0,2.5,1000.0,");
        // the wall clock's times keep the client clock's distances
        assertThat(sentEpochMillis(lines.get(2)) - sentEpochMillis(lines.get(1))).isCloseTo(2.0, within(0.11));
        assertThat(sentEpochMillis(lines.get(1)))
                .isCloseTo(System.currentTimeMillis() - System.nanoTime() / 1e6 + 1.0, within(1_000.0));
    }

    private static double sentEpochMillis(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
    }

    private static OrderLog.Entry placed(int status, long at) {
        boolean accepted = status == 202;
        return new OrderLog.Entry(Workload.Kind.NORMAL, accepted ? "order-" + at : null, at, at + 1, status,
                                  accepted ? "CONFIRMED" : null, accepted ? at + 2 : -1);
    }
}
