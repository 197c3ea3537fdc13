package dev.cairn.framework.unit;

import dev.cairn.framework.Cancellation;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal engine-side fakes for the SPI's own tests (the testkit depends on this module, so it cannot be used here). */
final class Fakes {

    private Fakes() {
    }

    /** A context with every value given. */
    record Ctx(String unitId, Path installRoot, List<String> paths, List<String> excludes, Cancellation cancellation,
               ItemSink sink) implements BackupContext {

        static Ctx of(Path root, ItemSink sink, String... paths) {
            return new Ctx("test", root, List.of(paths), List.of(), Cancellation.NEVER, sink);
        }

        Ctx excluding(String... patterns) {
            return new Ctx(unitId, installRoot, paths, List.of(patterns), cancellation, sink);
        }

        Ctx cancelledBy(Cancellation c) {
            return new Ctx(unitId, installRoot, paths, excludes, c, sink);
        }

        @Override
        public ConfigView config() {
            return ConfigView.empty();
        }

        @Override
        public Path scratchDirectory() {
            throw new UnsupportedOperationException("file tree support needs no scratch directory");
        }
    }

    /** Reads every file's content in full, like the engine, and records items, contents and issues. */
    static class Sink implements ItemSink {
        final Map<String, Item> items = new LinkedHashMap<>();
        final Map<String, String> contents = new LinkedHashMap<>();
        final List<Issue> issues = new ArrayList<>();

        @Override
        public void accept(Item item) throws IOException {
            beforeRead(item);
            if (item instanceof Item.File f) {
                try (InputStream in = f.content().open()) {
                    contents.put(item.path(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                afterRead(item);
            }
            items.put(item.path(), item);
        }

        /** Hook: runs before a file's content is opened. */
        void beforeRead(Item item) throws IOException {
        }

        /** Hook: runs after a file's content was read. */
        void afterRead(Item item) throws IOException {
        }

        @Override
        public void report(Issue issue) {
            issues.add(issue);
        }

        List<String> issueTexts() {
            return issues.stream().map(Issue::toString).toList();
        }
    }
}
