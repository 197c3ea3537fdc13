package dev.cairn.framework.unit;

import dev.cairn.framework.Issue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans and backs up the files, directories and symbolic links a unit's configured paths select:
 * the common work of every file-based unit ({@code config}, {@code logs}, {@code files}, third-party
 * units). A unit calls {@link #plan} from {@link BackupUnit#plan} and {@link #backup} from
 * {@link BackupUnit#backup}; both see exactly the same selection.
 *
 * <h2>What is selected</h2>
 * Each of {@link UnitContext#paths()} is one of
 * <ul>
 *   <li>a file or symbolic link: that entry alone;</li>
 *   <li>a directory: the directory itself and everything below it;</li>
 *   <li>{@code .}: everything below the install root (the root itself is not an entry);</li>
 *   <li>a {@link PathGlob glob} such as {@code config/**}{@code /*.json}: every entry below the
 *       pattern's literal prefix that matches; a matching directory is taken with everything below it.</li>
 * </ul>
 * Parent directories of a configured file or of a glob match are <em>not</em> entries: they are
 * outside what the profile gives the unit (another unit may own them) and a restore creates a missing
 * parent with default permissions. Inside a selected directory every directory is an entry, so empty
 * directories and directory modes come back on restore.
 * {@link UnitContext#excludes()} always win, even over a path configured explicitly; a pattern with a
 * {@code /} is matched against the whole install-relative path, one without against the entry's name at
 * any depth ({@code *.tmp}, {@code cache}); an excluded directory is left out with everything below it.
 * Overlapping paths select an entry once.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Symbolic links are never followed: a link is an {@link Item.Symlink} whose target is stored
 *       verbatim, and files are opened with {@link LinkOption#NOFOLLOW_LINKS}. The one exception is a
 *       link that is a parent of a configured path ({@code current -> releases/2} for
 *       {@code current/config}): it is gone through, after checking it stays inside the install root,
 *       and the entries keep the configured (lexical) path.</li>
 *   <li>The tree is walked once, depth first, while the items are streamed: memory grows with the depth
 *       and the width of the directories being walked, not with the number of files.</li>
 *   <li>A path that is absolute, leads out of the install root with {@code ..}, or reaches outside it
 *       through a symbolic link in its existing parents is refused with a
 *       {@link dev.cairn.framework.CairnException} of kind {@code CONFIG}; nothing is streamed.</li>
 *   <li>A configured path that does not exist is a {@link Issue.Severity#WARNING WARNING}, not a
 *       failure; a glob that matches nothing is {@link Issue.Severity#INFO INFO}. Sockets, FIFOs and
 *       devices are skipped with a warning; so are names that cannot be install-relative paths.</li>
 *   <li>Entries are streamed in a fixed order: sorted by path segment by segment, so every directory
 *       comes before its contents and the same install always gives the same stream.</li>
 *   <li>A file's {@link FileMetadata} is read just before the item goes to the sink. A file that
 *       vanished (or turned into something else) since its directory was listed is reported as a
 *       {@code WARNING} and skipped; so is a file whose content cannot be opened or read.</li>
 *   <li>After the sink took a file whose content it read, the metadata is read again; when it differs
 *       the file changed while it was read: a {@code WARNING} "changed while read" is reported and the
 *       item stays as stored (the engine keeps what it read, described by the metadata taken before).</li>
 *   <li>Cancellation is checked before every entry (and while listing): a requested stop throws a
 *       {@link dev.cairn.framework.CairnException} of kind {@code CANCELLED}.</li>
 *   <li>When {@link ItemSink#accept} throws an {@link IOException} of its own (storage failed), the
 *       backup stops and returns {@link UnitOutcome.Failed} naming the item and the cause.</li>
 * </ul>
 * Progress is not reported here: the engine's sink reports it as it stores each item.
 *
 * <p>Instances are immutable and thread-safe. A unit customises the file items (chunking, append-only
 * logs) with a {@link FileItemFactory}.
 */
public final class FileTreeSupport {

    /**
     * Builds the {@link Item.File} for a regular file, e.g. to choose its chunking or mark it
     * append-only. It must keep the path, metadata and content it is given.
     */
    @FunctionalInterface
    public interface FileItemFactory {

        /** The factory of {@link #standard()}: {@link Item.File#of}, with the unit's default chunking. */
        FileItemFactory DEFAULT = Item.File::of;

        /**
         * {@return the item for one regular file}
         *
         * @param path     the install-relative path
         * @param metadata the metadata taken before reading
         * @param content  opens the live file without following links
         */
        Item.File create(String path, FileMetadata metadata, ContentSource content);
    }

    private static final FileTreeSupport STANDARD = new FileTreeSupport(FileItemFactory.DEFAULT);

    private final FileItemFactory fileItems;

    private FileTreeSupport(FileItemFactory fileItems) {
        this.fileItems = fileItems;
    }

    /** {@return support that streams files with {@link Item.File#of}} */
    public static FileTreeSupport standard() {
        return STANDARD;
    }

    /** {@return support whose file items are built by {@code factory}} */
    public static FileTreeSupport withFileItems(FileItemFactory factory) {
        return new FileTreeSupport(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Lists what {@link #backup} would stream, without side effects.
     *
     * @param ctx the unit's context
     * @return the planned entries (sizes as listed) and the issues met while looking
     * @throws dev.cairn.framework.CairnException {@code CONFIG} for a malformed or escaping path or
     *                                            exclude, {@code CANCELLED} when a stop was requested
     */
    public UnitPlan plan(UnitContext ctx) {
        FileTreeWalker walker = FileTreeWalker.of(ctx);
        List<UnitPlan.PlannedItem> items = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        try {
            walker.walk(new FileTreeWalker.Visitor() {
                @Override
                public void entry(String path, Path file, FileMetadata.Stat stat) {
                    items.add(new UnitPlan.PlannedItem(path, switch (stat.kind()) {
                        case FILE -> UnitPlan.PlannedItem.Type.FILE;
                        case DIRECTORY -> UnitPlan.PlannedItem.Type.DIRECTORY;
                        case SYMLINK -> UnitPlan.PlannedItem.Type.SYMLINK;
                    }, stat.metadata().size()));
                }

                @Override
                public void issue(Issue issue) {
                    issues.add(issue);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("a planning visitor does no I/O", e);
        }
        return new UnitPlan(items, issues);
    }

    /**
     * Streams the selected entries into {@link BackupContext#sink()}.
     *
     * @param ctx the unit's context
     * @return {@link UnitOutcome.Succeeded} with the number of items the sink took,
     *         {@link UnitOutcome.Skipped} when no path is configured or nothing was found,
     *         {@link UnitOutcome.Failed} when the sink could not store an item
     * @throws dev.cairn.framework.CairnException {@code CONFIG} for a malformed or escaping path or
     *                                            exclude, {@code CANCELLED} when a stop was requested
     */
    public UnitOutcome backup(BackupContext ctx) {
        ctx.cancellation().throwIfCancelled();
        if (ctx.paths().isEmpty()) {
            return UnitOutcome.skipped("no paths are configured for unit " + ctx.unitId());
        }
        FileTreeWalker walker = FileTreeWalker.of(ctx);
        ItemSink sink = ctx.sink();
        String unitId = ctx.unitId();
        long[] seenAndStreamed = new long[2];
        String[] current = new String[1];
        try {
            walker.walk(new FileTreeWalker.Visitor() {
                @Override
                public void entry(String path, Path file, FileMetadata.Stat stat) throws IOException {
                    current[0] = path;
                    seenAndStreamed[0]++;
                    if (stream(unitId, path, file, stat, sink)) {
                        seenAndStreamed[1]++;
                    }
                }

                @Override
                public void issue(Issue issue) {
                    sink.report(issue);
                }
            });
        } catch (IOException | UncheckedIOException storeFailure) {
            Throwable cause = storeFailure instanceof UncheckedIOException u ? u.getCause() : storeFailure;
            return UnitOutcome.failed("could not store " + current[0] + ": " + FileTreeWalker.describe(cause), cause);
        }
        if (seenAndStreamed[0] == 0) {
            return UnitOutcome.skipped("nothing to back up: the configured paths select no entries");
        }
        return UnitOutcome.succeeded(seenAndStreamed[1]);
    }

    /**
     * Streams one entry with the metadata the walk listed it with: the walk stats each entry just before
     * handing it over, and a second stat here (which a walk of thousands of files paid for) could only see
     * the same. A file that changes or vanishes after the listing is caught when it is opened and read.
     * Problems with the live file become issues; an exception thrown by the sink itself propagates.
     *
     * @return whether the sink took the item
     */
    private boolean stream(String unitId, String path, Path file, FileMetadata.Stat listed, ItemSink sink) throws IOException {
        FileMetadata before = listed.metadata();
        switch (listed.kind()) {
            case DIRECTORY -> sink.accept(new Item.Directory(path, before));
            case SYMLINK -> {
                String target;
                try {
                    target = Files.readSymbolicLink(file).toString();
                } catch (IOException e) {
                    sink.report(Issue.warning(unitId, path, (e instanceof NoSuchFileException
                            ? "vanished before it was read" : "link target cannot be read: " + FileTreeWalker.describe(e))
                            + "; skipped"));
                    return false;
                }
                sink.accept(new Item.Symlink(path, target, before));
            }
            case FILE -> {
                return streamFile(unitId, path, file, before, sink);
            }
        }
        return true;
    }

    private boolean streamFile(String unitId, String path, Path file, FileMetadata before, ItemSink sink)
            throws IOException {
        TrackedSource source = new TrackedSource(file, before.size());
        Item.File item = fileItems.create(path, before, source);
        if (!item.path().equals(path) || item.content() != source || !item.metadata().equals(before)) {
            throw new dev.cairn.framework.CairnException(dev.cairn.framework.CairnException.Kind.INTERNAL,
                    "the file item factory changed the path, metadata or content of " + path);
        }
        try {
            sink.accept(item);
        } catch (IOException | UncheckedIOException e) {
            IOException readFailure = source.failure();
            if (readFailure == null || !causedBy(e, readFailure)) {
                throw e;
            }
            // the sink passed on a failure of the live file, not of its storage: an issue, not a failed unit
            sink.report(Issue.warning(unitId, path, (readFailure instanceof NoSuchFileException
                    ? "vanished before it was read" : "cannot be read: " + FileTreeWalker.describe(readFailure)) + "; skipped"));
            return false;
        }
        if (source.failure() != null) {
            return false;   // the sink met the read failure, reported and skipped it itself (ItemSink's contract)
        }
        if (source.opened()) {
            checkUnchanged(unitId, path, file, before, sink);
        }
        return true;
    }

    /** Reports a file whose metadata after reading differs from the metadata taken before. */
    private static void checkUnchanged(String unitId, String path, Path file, FileMetadata before, ItemSink sink) {
        FileMetadata after;
        try {
            after = FileMetadata.read(file);
        } catch (IOException e) {
            sink.report(Issue.warning(unitId, path,
                    "changed while read: it was removed or replaced; the content read was stored"));
            return;
        }
        if (!after.equals(before)) {
            StringBuilder what = new StringBuilder();
            if (after.size() != before.size()) {
                what.append("size ").append(before.size()).append(" -> ").append(after.size()).append(", ");
            }
            if (after.mtimeNanos() != before.mtimeNanos()) {
                what.append("modification time, ");
            }
            if (after.inode() != before.inode()) {
                what.append("replaced by another file, ");
            }
            if (after.mode() != before.mode()) {
                what.append("mode, ");
            }
            if (what.isEmpty()) {
                what.append("change time, ");
            }
            what.setLength(what.length() - 2);
            sink.report(Issue.warning(unitId, path,
                    "changed while read (" + what + "); the content read was stored and may be inconsistent"));
        }
    }

    private static boolean causedBy(Throwable thrown, Throwable cause) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t == cause) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the live file without following links and remembers whether it was opened and the first
     * I/O failure of opening or reading, so a failure of the file can be told from a failure of the sink.
     */
    private static final class TrackedSource implements ContentSource {
        private final Path file;
        private final long size;
        private volatile boolean opened;
        private volatile IOException failure;

        TrackedSource(Path file, long size) {
            this.file = file;
            this.size = size;
        }

        @Override
        public InputStream open() throws IOException {
            try {
                InputStream in = UncachedFileInput.open(file, size);
                opened = true;
                return new TrackedStream(in);
            } catch (IOException e) {
                throw record(e);
            }
        }

        boolean opened() {
            return opened;
        }

        IOException failure() {
            return failure;
        }

        private IOException record(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }

        /** Passes reads through and records their failures. */
        private final class TrackedStream extends java.io.FilterInputStream {
            TrackedStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw record(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (IOException e) {
                    throw record(e);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                try {
                    return in.skip(n);
                } catch (IOException e) {
                    throw record(e);
                }
            }

            @Override
            public int available() throws IOException {
                try {
                    return in.available();
                } catch (IOException e) {
                    throw record(e);
                }
            }
        }
    }
}
