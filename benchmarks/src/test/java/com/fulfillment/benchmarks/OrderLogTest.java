package com.fulfillment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThat(Files.readAllLines(csv)).containsExactly(
                "orderId,kind,postStatus,finalStatus,sentMillis,postMillis,finalMillis",
                ",NORMAL,503,,0.0,0.0,",
                "order-b,DECLINED,202,REJECTED,2.0,2.5,1000.0");
    }

    private static OrderLog.Entry placed(int status, long at) {
        boolean accepted = status == 202;
        return new OrderLog.Entry(Workload.Kind.NORMAL, accepted ? "order-" + at : null, at, at + 1, status,
                                  accepted ? "CONFIRMED" : null, accepted ? at + 2 : -1);
    }
}
