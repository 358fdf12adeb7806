package com.fulfillment.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code reopening:} file system: a thread interrupted in the middle of a write completes it and keeps its
 * interrupt, the other threads in the file at the time are not disturbed, H2's lock on the file holds through the
 * reopening, and a file H2 closed stays closed. The JDK's own file channel fails the first two (it is closed by the
 * interrupt, for the interrupted thread and for the others).
 */
class ReopeningFileChannelTest {

    private static final int WRITE_SIZE = 64 * 1024 * 1024;
    private static final int ROUNDS = 12;

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        ReopeningFilePath.register();
    }

    @Test
    void aWriterInterruptedMidWriteCompletesItAndKeepsItsInterruptWhileOthersReadOn() throws Exception {
        try (FileChannel file = FilePath.get(ReopeningFilePath.SCHEME + ":" + dir.resolve("data")).open("rw")) {
            FileLock lock = file.tryLock();
            file.write(ByteBuffer.wrap(new byte[] {42}), WRITE_SIZE);
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicReference<Throwable> readFailure = new AtomicReference<>();
            Thread reader = new Thread(() -> readUntilStopped(file, reading, readFailure));
            reader.start();

            int interruptedMidWrite = 0;
            for (int round = 0; round < ROUNDS; round++) {
                byte fill = (byte) round;
                Write write = new Write(file, fill);
                Thread writer = new Thread(write);
                writer.start();
                assertThat(write.started.await(30, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(1);
                writer.interrupt();
                long interruptedAt = System.nanoTime();
                writer.join(30_000);

                assertThat(write.failure.get()).as("round %d: the write's failure", round).isNull();
                assertThat(write.written).as("round %d: bytes written", round).isEqualTo(WRITE_SIZE);
                if (interruptedAt < write.returnedAt) {
                    interruptedMidWrite++;
                    assertThat(write.interruptedOnReturn).as("round %d: the writer's interrupt kept", round).isTrue();
                }
                assertThat(contentAt(file, WRITE_SIZE / 2)).as("round %d: what was written", round).isEqualTo(fill);
                assertThat(lock.isValid()).as("round %d: H2's lock on the file", round).isTrue();
            }
            reading.set(false);
            reader.join(30_000);

            assertThat(interruptedMidWrite).as("rounds whose writer was interrupted before its write returned")
                                           .isPositive();
            assertThat(readFailure.get()).as("the reader's failure while the writers were interrupted").isNull();
            assertThat(file.size()).isEqualTo(WRITE_SIZE + 1L);
            lock.release();
        }
    }

    @Test
    void aPendingInterruptIsLeftToTheThreadAndDoesNotCloseTheFile() throws Exception {
        try (FileChannel file = FilePath.get(ReopeningFilePath.SCHEME + ":" + dir.resolve("data")).open("rw")) {
            Thread.currentThread().interrupt();
            try {
                assertThat(file.write(ByteBuffer.wrap(new byte[] {7}), 0)).isEqualTo(1);
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt, after the write").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(contentAt(file, 0)).isEqualTo((byte) 7);
        }
    }

    @Test
    void aFileClosedByItsUserStaysClosed() throws Exception {
        FileChannel file = FilePath.get(ReopeningFilePath.SCHEME + ":" + dir.resolve("data")).open("rw");
        file.close();

        assertThatThrownBy(() -> file.write(ByteBuffer.wrap(new byte[] {1}), 0))
                .isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(file::size).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void anH2DatabaseOpensWithTheSchemeAtThePathAfterIt() throws Exception {
        String url = "jdbc:h2:" + ReopeningFilePath.SCHEME + ":" + dir.resolve("events") + ";WRITE_DELAY=0";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
            connection.createStatement().execute("INSERT INTO t VALUES (1)");
            connection.createStatement().execute("SHUTDOWN");
        }
        assertThat(dir.resolve("events.mv.db")).exists();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("events"), "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).as("rows read back through H2's own file system").isEqualTo(1);
        }
    }

    private static byte contentAt(FileChannel file, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        file.read(one, position);
        return one.get(0);
    }

    private static void readUntilStopped(FileChannel file, AtomicBoolean reading, AtomicReference<Throwable> failure) {
        ByteBuffer page = ByteBuffer.allocate(4096);
        long position = 0;
        try {
            while (reading.get()) {
                page.clear();
                file.read(page, position);
                position = (position + 1_048_576) % WRITE_SIZE;
            }
        } catch (IOException | RuntimeException e) {
            failure.set(e);
        }
    }

    /** One write of {@link #WRITE_SIZE} bytes at 0, as H2 writes: until the buffer is through. */
    private static final class Write implements Runnable {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final FileChannel file;
        private final ByteBuffer bytes;
        volatile int written;
        volatile long returnedAt = Long.MAX_VALUE;
        volatile boolean interruptedOnReturn;

        Write(FileChannel file, byte fill) {
            this.file = file;
            byte[] content = new byte[WRITE_SIZE];
            Arrays.fill(content, fill);
            this.bytes = ByteBuffer.wrap(content);
        }

        @Override
        public void run() {
            started.countDown();
            try {
                int total = 0;
                while (bytes.hasRemaining()) {
                    total += file.write(bytes, total);
                }
                returnedAt = System.nanoTime();
                interruptedOnReturn = Thread.currentThread().isInterrupted();
                written = total;
            } catch (Throwable e) {
                failure.set(e);
            }
        }
    }
}
