import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Follows README.md as a newcomer would, so that the build fails when the README stops being true.
 *
 * <p>From a clean copy of the committed tree (a {@code git clone} of HEAD, so nothing built or changed in the
 * working directory helps), it starts the app with each command of the README's "Run" section, on a free port,
 * waits for readiness, sends the requests of "A first order" as written and compares every answer with the
 * one the README shows under it ({@code …} stands for anything). The bash blocks of {@code docs/*.md} marked
 * {@code <!-- checked against the standalone app -->} are run the same way against the first started app.
 * The relative links of the README and of the docs must point at files and headings that exist.
 *
 * <p>Run it from the repository root with {@code java .ci/ReadmeCheck.java}; it needs git, bash, curl and jq,
 * as the README does, and the Maven repository the build populated (the nested build adds nothing to it).
 * Written as a single-file program, not a test of the build, because it runs the build itself.
 */
public class ReadmeCheck {

    static final String RUNNABLE_MARK = "<!-- checked against the standalone app -->";
    static final Duration STARTUP = Duration.ofMinutes(15);
    static final Duration REQUESTS = Duration.ofMinutes(1);
    static final Duration READ_PATIENCE = Duration.ofSeconds(15);
    static final Duration SETTLE = Duration.ofSeconds(10);
    static final Pattern PLACEHOLDER =
            Pattern.compile("…|\\.\\.\\.|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /**
     * The operator's password, as a reader who chose one exports it: given to the app and to the shell that runs
     * the documentation's commands, which send it as {@code $FULFILLMENT_OPERATOR_PASSWORD}. New for every run.
     */
    static final String OPERATOR_PASSWORD = "readme-" + java.util.UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("readme-check");
        Path copy = work.resolve("fulfillment");
        List<String> failures = new ArrayList<>();
        try {
            run(List.of("git", "clone", "--quiet", "--no-hardlinks", repository.toString(), copy.toString()), work,
                Duration.ofMinutes(2));
            failures.addAll(brokenLinks(copy));

            Readme readme = Readme.parse(copy);
            if (readme.runCommands().isEmpty() || readme.firstOrder() == null) {
                failures.add("README.md: no ```bash block in the Run section, or none under \"A first order\"");
            }
            boolean first = true;
            for (String command : readme.runCommands()) {
                failures.addAll(followReadme(copy, work, command, readme.firstOrder(),
                                             first ? readme.docsBlocks() : List.of()));
                first = false;
            }
        } finally {
            deleteRecursively(work);
        }
        if (!failures.isEmpty()) {
            System.err.println();
            System.err.println("README check FAILED:");
            failures.forEach(failure -> System.err.println(failure.indent(2)));
            System.exit(1);
        }
        System.out.println("README check passed");
    }

    /** Starts the app with one run command, sends the requests, and stops it, whatever happened. */
    static List<String> followReadme(Path copy, Path work, String command, Block firstOrder, List<Block> docs)
            throws Exception {
        List<String> failures = new ArrayList<>();
        int port = freePort();
        Path log = Files.createTempFile(work, "app", ".log");
        // Every start from an empty data directory, as on a new clone.
        deleteRecursively(copy.resolve("data"));
        deleteRecursively(copy.resolve("standalone/data"));
        System.out.printf("README check: %s (port %d, log %s)%n", command, port, log);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("FULFILLMENT_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        Instant started = Instant.now();
        Process app = builder.start();
        try {
            String notReady = awaitReadiness(app, port);
            if (notReady != null) {
                failures.add("`" + command + "` " + notReady + "\n" + tail(log));
                return failures;
            }
            System.out.printf("README check: ready after %d s%n", Duration.between(started, Instant.now()).toSeconds());
            // A reader takes a moment between the banner and the first request; an app asked within the first
            // second of readiness, on a busy machine, may need longer than the 10 s the first order waits.
            Thread.sleep(SETTLE.toMillis());
            List<Block> blocks = new ArrayList<>();
            blocks.add(firstOrder);
            blocks.addAll(docs);
            for (Block block : blocks) {
                List<String> wrong = send(block, port, work);
                System.out.printf("README check: %s: %s%n", block.source(),
                                  wrong.isEmpty() ? block.steps().size() + " commands answered as shown"
                                                  : wrong.size() + " of " + block.steps().size() + " commands failed");
                wrong.forEach(failure -> failures.add("with the app started by `" + command + "`, "
                                                      + block.source() + ":\n" + failure));
            }
            if (!failures.isEmpty()) {
                failures.add("log of `" + command + "`:\n" + tail(log));
            }
            return failures;
        } finally {
            stop(app);
        }
    }

    /** Null once the readiness probe answers 200; otherwise why not. */
    static String awaitReadiness(Process app, int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                       .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                return "ended (exit " + app.exitValue() + ") without the app answering on port " + port;
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return null;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        return "did not report ready at /actuator/health/readiness on port " + port + " within " + STARTUP;
    }

    /**
     * Runs a block's commands one by one in one bash, so that variables set by one are seen by the next, each
     * with the README's port replaced by the app's, and compares each command's output with the answer shown
     * under it. A read (a command that sends no body and names no method) that answers otherwise is asked
     * again for a while: the views are eventually consistent, as the API documentation says.
     */
    static List<String> send(Block block, int port, Path work) throws Exception {
        Path outputs = Files.createTempDirectory(work, "answers");
        ProcessBuilder shellBuilder = new ProcessBuilder("bash").redirectErrorStream(true)
                .redirectOutput(outputs.resolve("bash.out").toFile());
        shellBuilder.environment().put("FULFILLMENT_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        Process bash = shellBuilder.start();
        List<String> failures = new ArrayList<>();
        try (var shell = bash.outputWriter(StandardCharsets.UTF_8)) {
            int run = 0;
            for (Step step : block.steps()) {
                String command = onPort(step.command(), port);
                Instant patience = Instant.now().plus(step.isRead() ? READ_PATIENCE : Duration.ZERO);
                String problem;
                String output;
                do {
                    Path out = outputs.resolve(run + ".out");
                    Path rc = outputs.resolve(run + ".rc");
                    run++;
                    shell.write("{\n" + command + "\n} > " + out + " 2>&1; echo $? > " + rc + ".tmp; mv "
                                + rc + ".tmp " + rc + "\n");
                    shell.flush();
                    Instant deadline = Instant.now().plus(REQUESTS);
                    while (!Files.exists(rc) && bash.isAlive() && Instant.now().isBefore(deadline)) {
                        Thread.sleep(50);
                    }
                    output = Files.exists(out) ? Files.readString(out).strip() : "(no output)";
                    String exit = Files.exists(rc) ? Files.readString(rc).strip() : "(no end within " + REQUESTS + ")";
                    problem = !exit.equals("0") ? "exited " + exit
                            : step.expected() != null && !step.answerPattern().matcher(squeeze(output)).matches()
                            ? "answered other than shown" : null;
                    if (problem != null && Instant.now().isBefore(patience)) {
                        Thread.sleep(500);
                    }
                } while (problem != null && Instant.now().isBefore(patience) && bash.isAlive());
                if (problem != null) {
                    failures.add("$ " + command + "\n  " + problem
                                 + (step.expected() == null ? "" : "\n  expected: " + step.expected())
                                 + "\n  answer:   " + output);
                }
            }
        } finally {
            stop(bash);
        }
        return failures;
    }

    static String onPort(String command, int port) {
        return command.replace("localhost:8080", "localhost:" + port);
    }

    static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** Ends the process and everything it started (spring-boot:run forks the app's JVM), gently first. */
    static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "--- last lines of the app's log ---\n"
               + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Relative links of README.md and docs/*.md that name no existing file, or no heading of it. */
    static List<String> brokenLinks(Path root) throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages(root)) {
            for (String line : Files.readAllLines(page)) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-z]+:.*")) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                    if (!Files.exists(linked)) {
                        broken.add(root.relativize(page) + ": link to a missing file: " + target);
                    } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                        broken.add(root.relativize(page) + ": link to a missing heading: " + target);
                    }
                }
            }
        }
        return broken;
    }

    static List<Path> pages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                anchors.add(line.replaceFirst("#+ ", "").strip().toLowerCase(Locale.ROOT)
                                .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void run(List<String> command, Path directory, Duration patience) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One command of a bash block, and the answer the documentation shows under it, if any. */
    record Step(String command, String expected) {

        /** Asks without changing anything, so it may be asked again. */
        boolean isRead() {
            return !command.matches("(?s).*\\s(-X|--request|-d|--data\\S*)\\s.*");
        }

        /**
         * The shown answer, whitespace ignored, "…" or "..." standing for anything and a time shown for any
         * time.
         */
        Pattern answerPattern() {
            String shown = squeeze(expected);
            StringBuilder pattern = new StringBuilder();
            Matcher placeholder = PLACEHOLDER.matcher(shown);
            int from = 0;
            while (placeholder.find()) {
                pattern.append(Pattern.quote(shown.substring(from, placeholder.start())))
                       .append(Character.isDigit(placeholder.group().charAt(0)) ? "[0-9T:.Z-]+" : ".*");
                from = placeholder.end();
            }
            pattern.append(Pattern.quote(shown.substring(from)));
            return Pattern.compile(pattern.toString(), Pattern.DOTALL);
        }
    }

    /** A fenced bash block: where it is, and its commands. */
    record Block(String source, List<Step> steps) {

        /**
         * Commands are the lines that are not comments, a trailing backslash continuing one. Comment lines
         * right under a command, with no blank line between, are the answer it shows.
         */
        static Block of(String source, List<String> lines) {
            List<Step> steps = new ArrayList<>();
            StringBuilder command = new StringBuilder();
            StringBuilder answer = null;
            String last = null;
            for (String line : lines) {
                String stripped = line.strip();
                if (stripped.startsWith("#")) {
                    if (last != null && answer != null) {
                        answer.append(stripped.substring(1)).append('\n');
                    }
                    continue;
                }
                if (last != null) {
                    steps.add(new Step(last, answer == null || answer.isEmpty() ? null : answer.toString().strip()));
                    last = null;
                }
                answer = null;
                if (stripped.isEmpty()) {
                    continue;
                }
                command.append(line).append('\n');
                if (!stripped.endsWith("\\")) {
                    last = command.toString().strip();
                    command.setLength(0);
                    answer = new StringBuilder();
                }
            }
            if (last != null) {
                steps.add(new Step(last, answer == null || answer.isEmpty() ? null : answer.toString().strip()));
            }
            return new Block(source, steps);
        }
    }

    /** What the check takes from the documentation. */
    record Readme(List<String> runCommands, Block firstOrder, List<Block> docsBlocks) {

        static Readme parse(Path root) throws IOException {
            List<String> lines = Files.readAllLines(root.resolve("README.md"));
            List<String> runCommands = new ArrayList<>();
            Block firstOrder = null;
            String section = "";
            String subsection = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("## ")) {
                    section = line.substring(3).strip();
                    subsection = "";
                } else if (line.startsWith("### ")) {
                    subsection = line.substring(4).strip();
                } else if (line.strip().equals("```bash") && section.equals("Run")) {
                    List<String> block = fenced(lines, i);
                    if (subsection.isEmpty()) {
                        runCommands.add(String.join("\n", block).strip());
                    } else if (subsection.equals("A first order")) {
                        firstOrder = Block.of("README.md, A first order (line " + (i + 1) + ")", block);
                    }
                    i += block.size() + 1;
                }
            }
            List<Block> docs = new ArrayList<>();
            for (Path page : pages(root)) {
                List<String> text = Files.readAllLines(page);
                for (int i = 0; i + 1 < text.size(); i++) {
                    if (text.get(i).strip().equals(RUNNABLE_MARK) && text.get(i + 1).strip().equals("```bash")) {
                        docs.add(Block.of(root.relativize(page) + " (line " + (i + 2) + ")", fenced(text, i + 1)));
                    }
                }
            }
            return new Readme(runCommands, firstOrder, docs);
        }

        /** The lines inside the fence that opens at {@code open}. */
        static List<String> fenced(List<String> lines, int open) {
            List<String> block = new ArrayList<>();
            for (int i = open + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                block.add(lines.get(i));
            }
            return block;
        }
    }
}
