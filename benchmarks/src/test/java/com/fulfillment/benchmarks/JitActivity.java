package com.fulfillment.benchmarks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * How busy the JIT compilers of the JVMs under test are: the share of the last {@code window} that their
 * accumulated compilation time grew by (Micrometer's {@code jvm.compilation.time}, summed over the processes), read
 * every {@link #READ_EVERY} while the warm-up runs. A started standalone jar keeps compiling for thousands of orders,
 * and its compiler threads then take a large part of two cores (BENCHMARKS.md, "A JVM that is still compiling"); the
 * warm-up goes on until this share falls to {@code bench.warmupJitShare}.
 *
 * <p>Read on a thread of its own: the warm-up's condition runs on Gatling's event loop, which must not wait for HTTP.
 */
final class JitActivity implements AutoCloseable {

    static final Duration READ_EVERY = Duration.ofSeconds(2);

    private record Reading(long atNanos, double compilationMillis) {}

    private final DoubleSupplier compilationMillis;
    private final Duration window;
    private final Deque<Reading> readings = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jit-activity");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double share = Double.NaN;
    private volatile boolean unreadable;

    /**
     * @param compilationMillis the processes' accumulated compilation time in milliseconds, NaN when it cannot be read
     * @param window            how far back the share is taken over
     */
    JitActivity(DoubleSupplier compilationMillis, Duration window) {
        this.compilationMillis = compilationMillis;
        this.window = window;
    }

    void start() {
        timer.scheduleAtFixedRate(() -> record(System.nanoTime(), compilationMillis.getAsDouble()),
                                  0, READ_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds a reading taken at {@code atNanos}; NaN means the processes do not tell. */
    synchronized void record(long atNanos, double millis) {
        if (Double.isNaN(millis)) {
            unreadable = true;
            return;
        }
        readings.addLast(new Reading(atNanos, millis));
        // keep the newest reading that is a whole window old, and every later one
        Reading oldest = readings.removeFirst();
        while (!readings.isEmpty() && atNanos - readings.getFirst().atNanos() >= window.toNanos()) {
            oldest = readings.removeFirst();
        }
        readings.addFirst(oldest);
        long elapsed = atNanos - oldest.atNanos();
        if (elapsed >= window.toNanos()) {
            share = (millis - oldest.compilationMillis()) / (elapsed / 1e6);
        }
    }

    /**
     * The share of the last window the compilers spent compiling (1.0: one compiler thread all the time; it can pass
     * 1 with several); NaN until a whole window has been read.
     */
    double share() {
        return share;
    }

    /** Whether the compilers took at most {@code limit} of the last window, or the processes do not tell. */
    boolean quieterThan(double limit) {
        return unreadable || share <= limit;
    }

    /** Whether a process did not give its compilation time (no such metric, or not allowed to read it). */
    boolean unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
