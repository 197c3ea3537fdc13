package dev.cairn.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares each built Cairn jar's module descriptor with its reviewed golden file in
 * {@code src/test/resources/module-descriptors/<module>.txt}, so that a new {@code requires}, export,
 * {@code opens}, provider or {@code uses} is seen in review rather than slipping in. The set of golden
 * files is also the reviewed list of modules: a module without a golden, or a golden without a module,
 * fails too.
 *
 * <p>After reviewing a change, rewrite the goldens with
 * {@code ./mvnw -pl arch-tests -am verify -Dcairn.updateGoldens=true} and commit them.
 */
class ModuleDescriptorGoldenTest {

    /** The system property that rewrites the goldens instead of comparing with them. */
    static final String UPDATE_PROPERTY = "cairn.updateGoldens";

    private static final String HOW_TO_UPDATE = "If the change is intended, review it, then rewrite the goldens with\n"
            + "  ./mvnw -B -ntp -pl arch-tests -am verify -D" + UPDATE_PROPERTY + "=true\n"
            + "and commit arch-tests/src/test/resources/module-descriptors/.";

    @Test
    void everyModuleDescriptorMatchesItsReviewedGolden() throws IOException {
        Path goldens = goldenDirectory();
        Map<String, String> actual = new TreeMap<>();
        for (CairnArtifacts.Artifact artifact : CairnArtifacts.modules()) {
            actual.put(artifact.moduleName(), ModuleDescriptorText.render(artifact.descriptor().orElseThrow()));
        }
        assertFalse(actual.isEmpty(), "no Cairn module on the class path: " + CairnArtifacts.all());

        Map<String, String> expected = readGoldens(goldens);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            writeGoldens(goldens, expected, actual);
            return;
        }
        List<String> problems = new ArrayList<>();
        actual.forEach((module, text) -> {
            String golden = expected.get(module);
            if (golden == null) {
                problems.add("module " + module + " has no golden file " + module + ".txt; its descriptor is:\n"
                        + indent(text));
            } else if (!golden.equals(text)) {
                problems.add("module " + module + " changed (- golden, + built jar):\n"
                        + String.join("\n", TextDiff.lines(golden.lines().toList(), text.lines().toList())));
            }
        });
        expected.keySet().stream().filter(module -> !actual.containsKey(module)).forEach(module ->
                problems.add("golden " + module + ".txt names a module that no Cairn jar on the class path declares"));
        if (!problems.isEmpty()) {
            fail("Module descriptors differ from their reviewed goldens in " + goldens + ":\n\n"
                    + String.join("\n\n", problems) + "\n\n" + HOW_TO_UPDATE);
        }
    }

    @Test
    void goldenFilesAreInTheRenderedForm() throws IOException {
        // A hand-edited golden that the renderer could never produce would fail forever with a confusing diff.
        for (Map.Entry<String, String> golden : readGoldens(goldenDirectory()).entrySet()) {
            String text = golden.getValue();
            assertEquals("module " + golden.getKey(), text.lines().findFirst().orElse("").replaceFirst("^open ", ""),
                    golden.getKey() + ".txt must start with its module line");
            assertEquals(text.strip() + "\n", text, golden.getKey() + ".txt must end with exactly one line break");
        }
    }

    static Path goldenDirectory() {
        return CairnArtifacts.moduleBasedir().resolve("src/test/resources/module-descriptors");
    }

    private static Map<String, String> readGoldens(Path dir) throws IOException {
        Map<String, String> goldens = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return goldens;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".txt")).toList()) {
                String name = file.getFileName().toString();
                goldens.put(name.substring(0, name.length() - ".txt".length()), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return goldens;
    }

    private static void writeGoldens(Path dir, Map<String, String> old, Map<String, String> current) throws IOException {
        Files.createDirectories(dir);
        System.Logger log = System.getLogger(ModuleDescriptorGoldenTest.class.getName());
        for (Map.Entry<String, String> module : current.entrySet()) {
            if (!module.getValue().equals(old.get(module.getKey()))) {
                Files.writeString(dir.resolve(module.getKey() + ".txt"), module.getValue(), StandardCharsets.UTF_8);
                log.log(System.Logger.Level.WARNING, "rewrote golden {0}.txt", module.getKey());
            }
        }
        for (String stale : old.keySet()) {
            if (!current.containsKey(stale)) {
                Files.delete(dir.resolve(stale + ".txt"));
                log.log(System.Logger.Level.WARNING, "deleted golden {0}.txt: no such module any more", stale);
            }
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
