package dev.cairn.framework.unit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstallScannerTest {

    @TempDir
    Path root;

    private void touch(String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }

    /** Suggests directories named {@code logs} whole and {@code *.log} files elsewhere. */
    private static final InstallScanner.Filter LOGS = new InstallScanner.Filter() {
        @Override
        public InstallScanner.DirectoryDecision directory(String path, BasicFileAttributes attrs) {
            return path.endsWith("logs") ? InstallScanner.DirectoryDecision.SUGGEST
                    : path.endsWith("skip") ? InstallScanner.DirectoryDecision.SKIP : InstallScanner.DirectoryDecision.DESCEND;
        }

        @Override
        public boolean file(String path, BasicFileAttributes attrs) {
            return path.endsWith(".log");
        }
    };

    @Test
    void suggestsDirectoriesWholeAndFilesElsewhereSorted() throws IOException {
        touch("logs/a.log");
        touch("worker/w.log");
        touch("worker/w.txt");
        touch("b.log");
        touch("skip/s.log");
        touch(".git/objects/x.log");
        touch("node_modules/pkg/y.log");
        Files.createSymbolicLink(root.resolve("linked.log"), root.resolve("b.log"));

        assertEquals(List.of("b.log", "logs", "worker/w.log"), InstallScanner.scan(root, 8, LOGS));
    }

    @Test
    void depthIsBounded() throws IOException {
        touch("a.log");
        touch("one/b.log");
        touch("one/two/c.log");
        assertEquals(List.of("a.log", "one/b.log"), InstallScanner.scan(root, 2, LOGS));
    }

    @Test
    void missingRootSuggestsNothing() {
        assertEquals(List.of(), InstallScanner.scan(root.resolve("absent"), 5, LOGS));
    }
}
