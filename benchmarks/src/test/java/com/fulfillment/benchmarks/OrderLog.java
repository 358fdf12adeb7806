package com.fulfillment.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened to every order the benchmark placed, in the client's clock ({@link System#nanoTime()}), and the
 * figures of the measured window computed from it.
 */
final class OrderLog {

    /**
     * One order.
     *
     * @param kind        what it was built to end as
     * @param orderId     the id the POST answered, null without one
     * @param startNanos  just before its POST was sent
     * @param postedNanos when the POST's answer arrived
     * @param postStatus  the POST's HTTP status, 0 without an answer
     * @param finalStatus the final status the read model reported, null if none within the time-out
     * @param finalNanos  when the client saw that status, -1 if it did not
     */
    record Entry(Workload.Kind kind, String orderId, long startNanos, long postedNanos, int postStatus, String finalStatus,
                 long finalNanos) {

        boolean accepted() {
            return postStatus == 200 || postStatus == 202;
        }

        boolean finished() {
            return finalStatus != null;
        }

        boolean finishedWithin(long fromNanos, long toNanos) {
            return finished() && finalNanos >= fromNanos && finalNanos < toNanos;
        }

        boolean startedWithin(long fromNanos, long toNanos) {
            return startNanos >= fromNanos && startNanos < toNanos;
        }

        double finalMillis() {
            return (finalNanos - startNanos) / 1e6;
        }

        double postMillis() {
            return (postedNanos - startNanos) / 1e6;
        }
    }

    /** Latency percentiles in milliseconds. */
    record Percentiles(int count, double p50, double p90, double p99, double p999, double max) {

        static Percentiles of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                                   rank(sorted, 0.999), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        }

        /** Nearest rank: the smallest value that at least this share of the values does not exceed. */
        private static double rank(double[] sorted, double share) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(share * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /**
     * The orders that arrived in a window and what became of them.
     *
     * @param offered      arrivals per second in the window
     * @param arrivedPerSecond orders sent per second, as the client managed (a starved client falls behind offered)
     * @param sent         orders whose POST was sent in the window
     * @param seconds      length of the window
     * @param completedPerSecond completions per second (see {@link #since} and {@link #between})
     * @param errors       POSTs answered with an error or not at all, the refusals below included
     * @param overloaded   POSTs refused with 503 (the app was placing as many orders as it takes at once)
     * @param rateLimited  POSTs refused with 429 (the user had placed as many orders as they may in the period)
     * @param unfinished   accepted orders that did not reach a final status in the read model within the time-out
     * @param unexpected   orders that ended otherwise than they were built to (e.g. a declined one CONFIRMED)
     */
    record Window(double seconds, double offered, double arrivedPerSecond, int sent, int accepted, int completed, double completedPerSecond,
                  int confirmed, int rejected, int errors, int overloaded, int rateLimited, int unfinished, int unexpected,
                  Percentiles postToFinal, Percentiles post) {

        /** Completion keeps up when it runs at 95 % of the arrival rate or more, and every order finished. */
        boolean keepsUp() {
            return unfinished == 0 && errors == 0 && completedPerSecond >= 0.95 * arrivedPerSecond;
        }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    /** The wall clock's time at the client clock's zero, in ms: to put the client's times beside the app's. */
    private final double epochAtNanoZero = System.currentTimeMillis() - System.nanoTime() / 1e6;

    /** An order is about to be placed. */
    void start() {
        started.incrementAndGet();
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    /** Orders started but never logged: still in flight when Gatling's maximum duration cut the run short. */
    int cutOff() {
        return started.get() - entries.size();
    }

    List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /**
     * Writes one line per order, in the order they were sent: its id, kind, POST status and final status, and in
     * milliseconds since the first arrival when it was sent, how long its POST took and how long until the final
     * status was seen (empty if it was not); and when it was sent on the wall clock, in milliseconds since the epoch.
     * For looking into a run's latency by outcome or over time, and for putting it beside the timestamps of the
     * order's events in the app's event store ({@link OrderHops}).
     */
    void writeCsv(Path file) throws IOException {
        long origin = origin();
        List<String> lines = new ArrayList<>();
        lines.add("orderId,kind,postStatus,finalStatus,sentMillis,postMillis,finalMillis,sentEpochMillis");
        entries.stream().sorted(Comparator.comparingLong(Entry::startNanos)).forEach(e -> lines.add(String.join(",",
                e.orderId() == null ? "" : e.orderId(),
                e.kind().name(),
                Integer.toString(e.postStatus()),
                e.finished() ? e.finalStatus() : "",
                millis(e.startNanos() - origin),
                millis(e.postedNanos() - e.startNanos()),
                e.finished() ? millis(e.finalNanos() - e.startNanos()) : "",
                String.format(Locale.ROOT, "%.1f", epochAtNanoZero + e.startNanos() / 1e6))));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** The client clock's time of the first arrival, from which the windows are counted. */
    long origin() {
        return entries.stream().mapToLong(Entry::startNanos).min().orElse(System.nanoTime());
    }

    /**
     * The orders that arrived from this time on. Completed per second is over the span from the first of them
     * sent to the last of them finished: the arrival rate when the system keeps up, its own pace when orders
     * queue up (Gatling may also start orders late on a starved machine, so arrivals are not cut off at the
     * planned end).
     */
    Window since(long fromNanos, double offeredPerSecond) {
        List<Entry> arrived = entries.stream().filter(e -> e.startNanos() >= fromNanos).toList();
        long first = arrived.stream().mapToLong(Entry::startNanos).min().orElse(fromNanos);
        long lastSent = arrived.stream().mapToLong(Entry::startNanos).max().orElse(first);
        long last = arrived.stream().filter(Entry::finished).mapToLong(Entry::finalNanos).max().orElse(first);
        long completed = arrived.stream().filter(Entry::finished).count();
        // n arrivals at a steady rate span n - 1 intervals
        double arrivedPerSecond = arrived.size() > 1 ? (arrived.size() - 1) / ((lastSent - first) / 1e9) : Double.NaN;
        return window(arrived, (last - first) / 1e9, offeredPerSecond, arrivedPerSecond, completed);
    }

    /**
     * The orders that arrived between these times, with the completions (of any order) seen between them per
     * second: one level of a step-up.
     */
    Window between(long fromNanos, long toNanos, double offeredPerSecond) {
        List<Entry> arrived = entries.stream().filter(e -> e.startedWithin(fromNanos, toNanos)).toList();
        long completed = entries.stream().filter(e -> e.finishedWithin(fromNanos, toNanos)).count();
        double seconds = (toNanos - fromNanos) / 1e9;
        return window(arrived, seconds, offeredPerSecond, arrived.size() / seconds, completed);
    }

    private static Window window(List<Entry> arrived, double seconds, double offeredPerSecond,
                                 double arrivedPerSecond, long completed) {
        List<Entry> finished = arrived.stream().filter(Entry::finished).toList();
        return new Window(
                seconds,
                offeredPerSecond,
                arrivedPerSecond,
                arrived.size(),
                (int) arrived.stream().filter(Entry::accepted).count(),
                finished.size(),
                seconds > 0 ? completed / seconds : Double.NaN,
                (int) finished.stream().filter(e -> e.finalStatus().equals("CONFIRMED")).count(),
                (int) finished.stream().filter(e -> e.finalStatus().equals("REJECTED")).count(),
                (int) arrived.stream().filter(e -> !e.accepted()).count(),
                (int) arrived.stream().filter(e -> e.postStatus() == 503).count(),
                (int) arrived.stream().filter(e -> e.postStatus() == 429).count(),
                (int) arrived.stream().filter(e -> e.accepted() && !e.finished()).count(),
                (int) finished.stream().filter(e -> !e.finalStatus().equals(e.kind().expectedStatus)).count(),
                Percentiles.of(finished.stream().map(Entry::finalMillis).toList()),
                Percentiles.of(arrived.stream().filter(Entry::accepted).map(Entry::postMillis).toList()));
    }
}
