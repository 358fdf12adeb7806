package com.fulfillment.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns a Java Flight Recorder file into the profile summary BENCHMARKS.md shows: the CPU samples
 * ({@code jdk.ExecutionSample}) by thread pool, by the method on top of the stack (where the time is spent), by
 * method anywhere on the stack (what the time is spent for), by the first frame of the project's own code, and by
 * the library of the innermost frame that belongs to a known library (which layer the time goes to).
 *
 * <p>Run it as a single source file, no build needed: {@code benchmarks/profile-summary.sh x.jfr}. Thread names
 * are grouped into pools by replacing their numbers with {@code #} ({@code http-nio-8080-exec-3} →
 * {@code http-nio-#-exec-#}).
 */
public final class JfrSummary {

    private static final String OWN_CODE = "com.fulfillment.";

    /** Package prefixes of the libraries a sample is counted under, by the innermost frame that has one. */
    private static final Map<String, String> LIBRARIES = libraries(
            "org.h2.", "H2 (event store, tokens, saga store, dead letters, deadlines; the read store's backend)",
            "de.bwaldvogel.", "mongo-java-server (embedded read-model server)",
            "com.mongodb.", "MongoDB driver",
            "org.bson.", "BSON",
            "io.netty.", "Netty",
            "java.io.ObjectOutputStream", "Java serialization",
            "java.io.ObjectInputStream", "Java serialization",
            "com.fasterxml.jackson.", "Jackson",
            "io.micrometer.", "Micrometer",
            "ch.qos.logback.", "Logback",
            "org.apache.catalina.", "Tomcat",
            "org.apache.coyote.", "Tomcat",
            "org.apache.tomcat.", "Tomcat",
            "org.apache.hc.", "Apache HttpClient",
            "io.github.resilience4j.", "resilience4j",
            "com.zaxxer.hikari.", "Hikari",
            "org.ehcache.", "Ehcache",
            "reactor.", "Reactor",
            "org.springframework.", "Spring",
            "org.axonframework.", "Axon",
            "com.github.kagkarlsson.", "db-scheduler",
            OWN_CODE, "project code");

    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary <recording.jfr> [rows per table, default 20]");
            System.exit(2);
        }
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, Integer> byPool = new HashMap<>();
        Map<String, Integer> byTopFrame = new HashMap<>();
        Map<String, Integer> byMethodOnStack = new HashMap<>();
        Map<String, Integer> byOwnFrame = new HashMap<>();
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Map<String, Integer>> topFrameByPool = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                String pool = pool(event.getThread("sampledThread") == null ? "?"
                                           : event.getThread("sampledThread").getJavaName());
                byPool.merge(pool, 1, Integer::sum);
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String top = frames.isEmpty() ? "?" : name(frames.get(0).getMethod());
                byTopFrame.merge(top, 1, Integer::sum);
                topFrameByPool.computeIfAbsent(pool, p -> new HashMap<>()).merge(top, 1, Integer::sum);
                Set<String> onStack = new HashSet<>();
                String own = null;
                for (RecordedFrame frame : frames) {
                    String method = name(frame.getMethod());
                    onStack.add(method);
                    if (own == null && method.startsWith(OWN_CODE)) {
                        own = method;
                    }
                }
                onStack.forEach(method -> byMethodOnStack.merge(method, 1, Integer::sum));
                byLibrary.merge(library(frames), 1, Integer::sum);
                byOwnFrame.merge(own == null ? "(no project frame on the recorded stack)" : own, 1, Integer::sum);
            }
        }
        System.out.printf("%d execution samples in %s%n%n", samples, args[0]);
        table("Thread pool", byPool, samples, rows, topFrameByPool);
        table("Top frame (self)", byTopFrame, samples, rows, null);
        table("Method anywhere on the stack (inclusive)", byMethodOnStack, samples, rows, null);
        table("First project frame (com.fulfillment)", byOwnFrame, samples, rows, null);
        table("Innermost library on the stack", byLibrary, samples, rows, null);
    }

    /** The library of the innermost frame that belongs to one of {@link #LIBRARIES}. */
    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
                if (type.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "(JDK only)";
    }

    private static Map<String, String> libraries(String... prefixesAndNames) {
        Map<String, String> libraries = new LinkedHashMap<>();
        for (int i = 0; i < prefixesAndNames.length; i += 2) {
            libraries.put(prefixesAndNames[i], prefixesAndNames[i + 1]);
        }
        return libraries;
    }

    private static void table(String title, Map<String, Integer> counts, int samples, int rows,
                              Map<String, Map<String, Integer>> detail) {
        System.out.printf("| %s | samples | %% |%s%n|---|---|---|%s%n", title, detail == null ? "" : " top frames |",
                          detail == null ? "" : "---|");
        sorted(counts, rows).forEach((key, count) -> {
            String extra = "";
            if (detail != null) {
                StringBuilder frames = new StringBuilder();
                sorted(detail.get(key), 3).forEach((frame, n) -> frames.append(frames.isEmpty() ? "" : "; ")
                        .append(shortName(frame)).append(' ').append(percent(n, count)));
                extra = " " + frames + " |";
            }
            System.out.printf("| `%s` | %d | %s |%s%n", key, count, percent(count, samples), extra);
        });
        System.out.println();
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts, int rows) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(rows)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The pool a thread belongs to: its name with every number replaced. */
    static String pool(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    private static String name(RecordedMethod method) {
        // a lambda's hidden class has a new name in every run: keep only where it was written
        return method == null ? "?"
                : method.getType().getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda") + "." + method.getName();
    }

    private static String shortName(String method) {
        int dot = method.lastIndexOf('.', method.lastIndexOf('.') - 1);
        return dot < 0 ? method : method.substring(dot + 1);
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
