package com.fulfillment.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret is committed: no private key, no token, and no password, token or key set to a literal value in the
 * configuration of what is shipped. Secrets come from the environment ({@code ${FULFILLMENT_OPERATOR_PASSWORD:}},
 * {@code ${AXON_AXONSERVER_TOKEN:}}); the only literal passwords allowed are the documented demo password and
 * those of test fixtures, which protect nothing.
 */
class NoCommittedSecretsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "data", "node_modules", "logs",
                                                                  "run", ".mvn");

    private static final List<Pattern> SECRETS_ANYWHERE = List.of(
            Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
            // a signed JWT: header and claims are base64url JSON, so both start with "eyJ"
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{36}"),
            Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}"));

    /** A setting whose name says secret, given a value: {@code key: value}, {@code key=value}, {@code KEY: value}. */
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "^\\s*-?\\s*([A-Za-z0-9_.-]*(password|passwd|secret|token|api[_-]?key|private[_-]?key)[A-Za-z0-9_.-]*)"
            + "\\s*[:=]\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONFIGURATION = Pattern.compile(
            ".*\\.(ya?ml|properties|env|conf|json|toml|xml|sh)$|.*Dockerfile$|.*\\.env\\..*");
    /** A value that is not itself a secret: empty, a placeholder, an environment variable, the demo password. */
    private static final Pattern HARMLESS_VALUE = Pattern.compile(
            "(\"\"|''|\\$\\{[^}]*:?}|\\$\\{[A-Za-z0-9_]+(:-?[^}]*)?}|\\$[A-Za-z_]+|demo|true|false|none|null|~|"
            + "\\$\\{[A-Za-z0-9_.-]+:demo})?\\s*(#.*)?");

    @Test
    void noPrivateKeyTokenOrPasswordIsCommitted() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(Files::isRegularFile)
                 .filter(NoCommittedSecretsTest::isSource)
                 .forEach(file -> found.addAll(secretsIn(file)));
        }
        assertThat(found).as("secrets in the repository").isEmpty();
    }

    @Test
    void theCheckFindsWhatItIsFor() {
        assertThat(secretsInLine("config.yml", "  operator-password: hunter2")).isNotEmpty();
        assertThat(secretsInLine("compose.yml", "      AXON_AXONSERVER_TOKEN: 4f1c9e0b")).isNotEmpty();
        // in two parts, so that this file does not hold what it looks for
        assertThat(secretsInLine("Test.java", "-----BEGIN RSA " + "PRIVATE KEY-----")).isNotEmpty();
        assertThat(secretsInLine("config.yml", "  operator-password: ${FULFILLMENT_OPERATOR_PASSWORD:}")).isEmpty();
        assertThat(secretsInLine("compose.yml", "      AXON_AXONSERVER_TOKEN: ${AXON_AXONSERVER_TOKEN:-}")).isEmpty();
        assertThat(secretsInLine("config.yml", "  demo-password: ${FULFILLMENT_DEMO_PASSWORD:demo}")).isEmpty();
    }

    private static boolean isSource(Path file) {
        Path relative = ROOT.relativize(file);
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        return !relative.toString().matches(".*\\.(jar|class|png|jpg|gif|ico|jfr|db|mv|zip|gz)$");
    }

    private static List<String> secretsIn(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return List.of();
        } catch (IOException unreadable) {
            throw new IllegalStateException(file.toString(), unreadable);
        }
        List<String> found = new ArrayList<>();
        String name = ROOT.relativize(file).toString();
        for (int i = 0; i < lines.size(); i++) {
            secretsInLine(name, lines.get(i)).forEach(secret -> found.add(name + ":" + secret));
        }
        return found;
    }

    /** What looks like a secret in one line of the file {@code name}. */
    static List<String> secretsInLine(String name, String line) {
        List<String> found = new ArrayList<>();
        for (Pattern secret : SECRETS_ANYWHERE) {
            if (secret.matcher(line).find()) {
                found.add(secret.pattern());
            }
        }
        boolean fixture = name.contains("/src/test/") || name.startsWith("src/test/");
        Matcher setting = SECRET_SETTING.matcher(line);
        if (!fixture && CONFIGURATION.matcher(name).matches() && !line.strip().startsWith("#")
            && setting.matches() && !HARMLESS_VALUE.matcher(setting.group(3).strip()).matches()) {
            found.add(setting.group(1) + " is set to a literal value");
        }
        return found;
    }
}
