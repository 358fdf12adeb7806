package com.fulfillment.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The figures of one run: the measured window (after the warm-up), each step-up level, CPU, heap, subscription
 * queries and order event streams, where and on what it ran. Written as JSON ({@code benchmark-summary.json}) and
 * as a Markdown row for BENCHMARKS.md ({@code benchmark-results.md}, one row appended per run).
 */
record RunSummary(
        String date,
        String commit,
        String shape,
        String target,
        String offered,
        OrderLog.Window measured,
        int cutOff,
        List<OrderLog.Window> levels,
        OptionalInt saturatedLevel,
        double cpuMean,
        double cpuMax,
        double machineCpuMean,
        double heapMeanMb,
        double heapMaxMb,
        double subscriptionsMax,
        double subscriptionsLeftOpen,
        String loadBefore,
        String loadAfter,
        String warmUp,
        String label,
        String command) {

    static RunSummary of(BenchmarkSettings settings, String target, OrderLog log, List<ResourceSampler.Sample> samples,
                         double subscriptionsLeftOpen, String loadBefore, String warmUp) {
        long origin = log.origin();
        long from = origin + settings.warmup().toNanos();
        List<OrderLog.Window> levels = new ArrayList<>();
        OptionalInt saturated = OptionalInt.empty();
        String offered;
        OrderLog.Window measured;
        switch (settings.shape()) {
            case STEPUP -> {
                for (int level = 0; level < settings.levels(); level++) {
                    long start = from + settings.levelDuration().toNanos() * level;
                    OrderLog.Window window = log.between(start, start + settings.levelDuration().toNanos(),
                                                         settings.levelRate(level));
                    levels.add(window);
                    if (saturated.isEmpty() && !window.keepsUp()) {
                        saturated = OptionalInt.of(level);
                    }
                }
                offered = number(settings.levelRate(0)) + "→" + number(settings.levelRate(settings.levels() - 1))
                          + " /s";
                measured = log.since(from, Double.NaN);
            }
            case OPEN -> {
                offered = number(settings.rate()) + " /s";
                measured = log.since(from, settings.rate());
            }
            default -> {
                offered = settings.clients() + (settings.clients() == 1 ? " client" : " clients");
                measured = log.since(from, Double.NaN);
            }
        }
        // while orders were in flight: from the end of the warm-up to the last final status seen
        long until = log.entries().stream().filter(OrderLog.Entry::finished).mapToLong(OrderLog.Entry::finalNanos)
                .max().orElse(Long.MAX_VALUE);
        List<ResourceSampler.Sample> during = samples.stream()
                .filter(s -> s.atNanos() >= from && s.atNanos() <= until).toList();
        return new RunSummary(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString(),
                commit(settings),
                settings.shape().name().toLowerCase(Locale.ROOT)
                + (settings.waitSeconds() > 0 ? " waitSeconds=" + settings.waitSeconds() : ""),
                target,
                offered,
                measured,
                log.cutOff(),
                levels,
                saturated,
                100 * during.stream().mapToDouble(ResourceSampler.Sample::processCpu).average().orElse(Double.NaN),
                100 * during.stream().mapToDouble(ResourceSampler.Sample::processCpu).max().orElse(Double.NaN),
                100 * during.stream().mapToDouble(ResourceSampler.Sample::machineCpu).average().orElse(Double.NaN),
                during.stream().mapToDouble(ResourceSampler.Sample::heapBytes).average().orElse(Double.NaN) / 1e6,
                during.stream().mapToDouble(ResourceSampler.Sample::heapBytes).max().orElse(Double.NaN) / 1e6,
                // NaN where a process had no such gauge, which would otherwise hide the other samples
                during.stream().mapToDouble(ResourceSampler.Sample::subscriptions).filter(open -> !Double.isNaN(open))
                        .max().orElse(Double.NaN),
                subscriptionsLeftOpen,
                loadBefore,
                loadAverage(),
                warmUp == null ? "none" : warmUp,
                settings.label(),
                BenchmarkSettings.command());
    }

    /** The header of the BENCHMARKS.md table these rows belong to. */
    static final String MARKDOWN_HEADER = """
            | date (UTC) | commit | shape | arrival | completed/s | POST→final p50 / p90 / p99 / p99.9 / max (ms) \
            | POST p50 / p99 (ms) | errors | unfinished | CPU mean / max (% of all cores) | heap mean / max (MB) \
            | machine load before→after (CPU % of machine) | command |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|""";

    String markdownRow() {
        OrderLog.Percentiles f = measured.postToFinal();
        OrderLog.Percentiles p = measured.post();
        return "| " + String.join(" | ",
                date.replace('T', ' ').replace("Z", ""),
                commit,
                shape + (label.isBlank() ? "" : " (" + label + ")"),
                offered + (saturatedLevel.isPresent() ? ", keeps up to " + sustained() : ""),
                number(measured.completedPerSecond()),
                ms(f.p50()) + " / " + ms(f.p90()) + " / " + ms(f.p99()) + " / " + ms(f.p999()) + " / " + ms(f.max()),
                ms(p.p50()) + " / " + ms(p.p99()),
                errors(measured),
                Integer.toString(measured.unfinished() + cutOff),
                number(cpuMean) + " / " + number(cpuMax),
                number(heapMeanMb) + " / " + number(heapMaxMb),
                loadBefore + "→" + loadAfter + " (" + number(machineCpuMean) + ")",
                "`" + command + "`") + " |";
    }

    /** Errors and unexpected outcomes, naming the refusals among them: the app's answer to overload, not a fault. */
    private static String errors(OrderLog.Window w) {
        String count = Integer.toString(w.errors() + w.unexpected());
        if (w.overloaded() == 0 && w.rateLimited() == 0) {
            return count;
        }
        return count + " (" + w.overloaded() + " × 503, " + w.rateLimited() + " × 429)";
    }

    /** The highest step-up level that kept up, or "none" / "all levels". */
    String sustained() {
        if (saturatedLevel.isEmpty()) {
            return "all levels";
        }
        int level = saturatedLevel.getAsInt();
        return level == 0 ? "none" : number(levels.get(level - 1).offered()) + " /s";
    }

    String levelTable() {
        StringBuilder table = new StringBuilder(
                "| level | arrival /s (sent /s) | sent | completed/s | POST→final p50 / p99 / max (ms) | errors | unfinished | keeps up |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < levels.size(); i++) {
            OrderLog.Window w = levels.get(i);
            table.append(String.format(Locale.ROOT, "| %d | %s (%s) | %d | %s | %s / %s / %s | %s | %d | %s |%n",
                                       i, number(w.offered()), number(w.arrivedPerSecond()), w.sent(), number(w.completedPerSecond()),
                                       ms(w.postToFinal().p50()), ms(w.postToFinal().p99()), ms(w.postToFinal().max()),
                                       errors(w), w.unfinished(), w.keepsUp() ? "yes" : "no"));
        }
        return table.toString();
    }

    String json() {
        StringBuilder json = new StringBuilder("{");
        field(json, "date", quote(date));
        field(json, "commit", quote(commit));
        field(json, "shape", quote(shape));
        field(json, "target", quote(target));
        field(json, "arrival", quote(offered));
        field(json, "measured", window(measured));
        // counted as unfinished in the Markdown row
        field(json, "cutOffByMaxDuration", Integer.toString(cutOff));
        if (!levels.isEmpty()) {
            field(json, "levels", levels.stream().map(RunSummary::window).collect(Collectors.joining(",", "[", "]")));
            field(json, "sustainedRate", quote(sustained()));
        }
        field(json, "cpuPercentMean", number(cpuMean));
        field(json, "cpuPercentMax", number(cpuMax));
        field(json, "machineCpuPercentMean", number(machineCpuMean));
        field(json, "heapMbMean", number(heapMeanMb));
        field(json, "heapMbMax", number(heapMaxMb));
        // subscription queries and order event streams open while the orders were in flight, and once every client
        // had stopped following its order: a figure that stays above 0 is a stream (or a client) that never lets go
        field(json, "subscriptionQueriesMax", number(subscriptionsMax));
        field(json, "subscriptionQueriesLeftOpen", number(subscriptionsLeftOpen));
        field(json, "loadBefore", quote(loadBefore));
        field(json, "loadAfter", quote(loadAfter));
        // orders placed before the load, how long they took, and how busy the app's JIT still was at their end
        field(json, "warmUp", quote(warmUp));
        field(json, "label", quote(label));
        field(json, "command", quote(command));
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("benchmark-summary.json"), json() + "\n", StandardCharsets.UTF_8);
        Path rows = dir.resolve("benchmark-results.md");
        if (!Files.exists(rows)) {
            Files.writeString(rows, MARKDOWN_HEADER + "\n", StandardCharsets.UTF_8);
        }
        Files.writeString(rows, markdownRow() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String window(OrderLog.Window w) {
        StringBuilder json = new StringBuilder("{");
        field(json, "seconds", number(w.seconds()));
        if (!Double.isNaN(w.offered())) {
            field(json, "arrivalPerSecond", number(w.offered()));
        }
        field(json, "sentPerSecond", number(w.arrivedPerSecond()));
        field(json, "sent", Integer.toString(w.sent()));
        field(json, "accepted", Integer.toString(w.accepted()));
        field(json, "completed", Integer.toString(w.completed()));
        field(json, "completedPerSecond", number(w.completedPerSecond()));
        field(json, "confirmed", Integer.toString(w.confirmed()));
        field(json, "rejected", Integer.toString(w.rejected()));
        field(json, "errors", Integer.toString(w.errors()));
        field(json, "refusedOverloaded503", Integer.toString(w.overloaded()));
        field(json, "refusedRateLimited429", Integer.toString(w.rateLimited()));
        field(json, "unfinished", Integer.toString(w.unfinished()));
        field(json, "unexpectedOutcomes", Integer.toString(w.unexpected()));
        field(json, "keepsUp", Boolean.toString(w.keepsUp()));
        field(json, "postToFinalMs", percentiles(w.postToFinal()));
        field(json, "postMs", percentiles(w.post()));
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }

    private static String percentiles(OrderLog.Percentiles p) {
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50\":%s,\"p90\":%s,\"p99\":%s,\"p999\":%s,\"max\":%s}",
                             p.count(), number(p.p50()), number(p.p90()), number(p.p99()), number(p.p999()),
                             number(p.max()));
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":").append(value).append(',');
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** One decimal below 100, whole numbers above; "null" for a figure that has no value (no samples). */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, Math.abs(value) < 100 ? "%.1f" : "%.0f", value);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : number(value);
    }

    /** The 1-minute load average of this machine (shared with other builds: quote it with every figure). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The commit the benchmark ran from, marked {@code -dirty} if tracked files other than Markdown were changed. */
    private static String commit(BenchmarkSettings settings) {
        Path projectDir = settings.projectDir();
        String head = git(projectDir, "rev-parse", "--short=8", "HEAD");
        // documentation (BENCHMARKS.md being filled in between runs) does not change what was measured
        String changes = git(projectDir, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)*.md");
        return head.isEmpty() ? "unknown" : head + (changes.isEmpty() ? "" : "-dirty");
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
