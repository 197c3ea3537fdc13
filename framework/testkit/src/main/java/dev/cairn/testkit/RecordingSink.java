package dev.cairn.testkit;

import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ItemSink} that reads every file item's content at once (as the engine would) and records
 * what it saw: the items, the SHA-256 and size of each file's content, and the issues. Optionally keeps
 * the bytes themselves for small test data.
 */
public final class RecordingSink implements ItemSink {

    /**
     * What was recorded of one item.
     *
     * @param item    the item as the unit gave it
     * @param sha256  SHA-256 of the content read (files), else {@code null}
     * @param size    bytes read (files), else 0
     * @param content the bytes, when kept; else {@code null}
     */
    public record Recorded(Item item, String sha256, long size, byte[] content) { }

    private final boolean keepContent;
    private final Map<String, Recorded> items = new LinkedHashMap<>();
    private final List<Issue> issues = new ArrayList<>();

    /** @param keepContent whether to keep file bytes in memory (small data only) */
    public RecordingSink(boolean keepContent) {
        this.keepContent = keepContent;
    }

    @Override
    public synchronized void accept(Item item) throws IOException {
        if (item instanceof Item.File file) {
            MessageDigest md = sha256();
            java.io.ByteArrayOutputStream kept = keepContent ? new java.io.ByteArrayOutputStream() : null;
            long size = 0;
            try (InputStream in = file.content().open()) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    size += n;
                    if (kept != null) {
                        kept.write(buf, 0, n);
                    }
                }
            }
            items.put(item.path(), new Recorded(item, HexFormat.of().formatHex(md.digest()), size,
                    kept == null ? null : kept.toByteArray()));
        } else {
            items.put(item.path(), new Recorded(item, null, 0, null));
        }
    }

    @Override
    public synchronized void report(Issue issue) {
        issues.add(issue);
    }

    /** An action a test runs on the install while a backup is under way. */
    @FunctionalInterface
    public interface InstallChange {
        /** Changes the install. */
        void run() throws IOException;
    }

    /**
     * {@return a sink that records into this one and, right after recording the item at {@code path}
     * (its content already read), runs {@code change}: for tests of files that change while a backup runs}
     */
    public ItemSink changingAfter(String path, InstallChange change) {
        RecordingSink recorder = this;
        return new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                recorder.accept(item);
                if (item.path().equals(path)) {
                    change.run();
                }
            }

            @Override
            public void report(Issue issue) {
                recorder.report(issue);
            }
        };
    }

    /** {@return the recorded items by path, in the order received} */
    public synchronized Map<String, Recorded> items() {
        return new LinkedHashMap<>(items);
    }

    /** {@return the issues reported} */
    public synchronized List<Issue> issues() {
        return List.copyOf(issues);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
