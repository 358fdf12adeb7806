package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while {@link EventStoreCompaction} moves chunks: H2 overwrites parts of the file when it moves a
 * chunk, so a process killed in the middle must leave a file that opens and holds every committed row. A JVM of its
 * own ({@link ChunkMovingProcess}, run with assertions on, as H2's own checks are) moves chunks round after round and
 * is killed with SIGKILL a random few milliseconds after it said it paused the pool to move; then the file is opened
 * and every round it reported committed is read back, and the next JVM goes on with the same file.
 */
class EventStoreCompactionCrashTest {

    private static final int KILLS = 6;
    private static final long MOVE_SEEN_LIMIT_SECONDS = 60;

    @TempDir
    Path directory;

    @Test
    void aProcessKilledWhileItMovesChunksLeavesAFileWithEveryCommittedRow() throws Exception {
        String file = directory.resolve("events").toString();
        int committedRounds = 0;
        int killedMidMove = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path output = directory.resolve("process-" + kill + ".log");
            Process process = start(file, output);
            long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(MOVE_SEEN_LIMIT_SECONDS);
            int movesToPass = ThreadLocalRandom.current().nextInt(3);
            int read = 0;
            boolean killed = false;
            try {
                while (!killed) {
                    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
                    for (; read < lines.size() && !killed; read++) {
                        String line = lines.get(read);
                        if (line.startsWith("kept ")) {
                            committedRounds = Integer.parseInt(line.substring(5)) + 1;
                        } else if (line.startsWith("failed")) {
                            fail("the moving process failed: %s", lines);
                        } else if (line.equals("moving") && movesToPass-- == 0) {
                            Thread.sleep(ThreadLocalRandom.current().nextInt(30)); // somewhere in the move
                            process.destroyForcibly(); // SIGKILL
                            process.waitFor(30, TimeUnit.SECONDS);
                            killed = true;
                        }
                    }
                    if (!killed && (!process.isAlive() || System.nanoTime() > giveUpAt)) {
                        fail("the moving process ended, or made no move within %d s: %s", MOVE_SEEN_LIMIT_SECONDS,
                             lines);
                    }
                    Thread.sleep(1);
                }
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (read >= lines.size() || !lines.get(read).startsWith("moved")) {
                killedMidMove++;
            }

            assertEveryCommittedRoundIsIntact(file, committedRounds);
        }
        System.out.printf("%d of %d kills in the middle of a move, %d rounds committed%n", killedMidMove, KILLS,
                          committedRounds);
        assertThat(committedRounds).isPositive();
        assertThat(killedMidMove).as("kills before the move in progress was over").isPositive();
    }

    private static Process start(String file, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-ea", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                                  ChunkMovingProcess.class.getName(), file)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private static void assertEveryCommittedRoundIsIntact(String file, int rounds) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ChunkMovingProcess.url(file), "sa", "");
             Statement statement = connection.createStatement()) {
            int[] rows = new int[rounds];
            try (ResultSet kept = statement.executeQuery("SELECT round, id, payload FROM kept")) {
                while (kept.next()) {
                    int round = kept.getInt(1);
                    int id = kept.getInt(2);
                    assertThat(kept.getString(3)).as("round %d, row %d", round, id)
                                                 .isEqualTo(ChunkMovingProcess.payload(round, id));
                    if (round < rounds) {
                        rows[round]++;
                    }
                }
            }
            for (int round = 0; round < rounds; round++) {
                assertThat(rows[round]).as("rows of round %d", round).isEqualTo(ChunkMovingProcess.ROWS);
            }
        }
    }
}
