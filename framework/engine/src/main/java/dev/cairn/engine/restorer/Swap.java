package dev.cairn.engine.restorer;

import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.FileMetadata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Moves staged items into place with a journal of every move, and undoes all of them on failure.
 * Every move is a rename within one file system.
 */
final class Swap {

    private final Path root;
    private final Path stage;
    private final Path rollback;
    private final Path journalFile;
    private final Map<String, Set<String>> companions;
    private final RestoreRequest.SwapObserver observer;
    private final Deque<Step> done = new ArrayDeque<>();

    /** One undoable step: a move, a new directory, or a directory's mode change ({@code mode} is the previous mode). */
    private record Step(String kind, Path from, Path to, int mode) {
        Step(String kind, Path from, Path to) {
            this(kind, from, to, -1);
        }
    }

    Swap(Path root, Path work, Path stage, Map<String, Set<String>> companions, RestoreRequest.SwapObserver observer) {
        this.root = root;
        this.stage = stage;
        this.rollback = work.resolve("rollback");
        this.journalFile = work.resolve("swap.journal");
        this.companions = companions;
        this.observer = observer;
    }

    void run(List<ManifestItem> changes) throws IOException {
        Files.createDirectories(rollback);
        try (BufferedWriter journal = Files.newBufferedWriter(journalFile)) {
            try {
                for (ManifestItem item : changes) {
                    observer.beforeSwap(item.path());
                    refuseLinkedParents(root, item.path(), true);
                    Path live = root.resolve(item.path());
                    ensureParents(live.getParent(), journal);
                    if (ManifestItem.DIR.equals(item.type())) {
                        if (Files.exists(live, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
                            moveAside(live, item.path(), journal);
                        }
                        if (!Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
                            Files.createDirectory(live);
                            record(new Step("mkdir", live, null), journal);
                        }
                        continue;
                    }
                    if (Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
                        moveAside(live, item.path(), journal);
                    }
                    for (String suffix : companions.getOrDefault(item.path(), Set.of())) {
                        Path companion = root.resolve(item.path() + suffix);
                        if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
                            moveAside(companion, item.path() + suffix, journal);
                        }
                    }
                    Files.move(stage.resolve(item.path()), live, StandardCopyOption.ATOMIC_MOVE);
                    record(new Step("place", stage.resolve(item.path()), live), journal);
                }
                applyDirectoryMetadata(changes, journal);
                syncDirectories(changes);
            } catch (IOException | RuntimeException e) {
                undo(e);
                throw e;
            }
        }
    }

    /**
     * Refuses an item whose path goes through a symbolic link below {@code base}. Every parent of
     * {@code rel} is checked, not only the nearest, since a link higher up is followed as well.
     *
     * @param linksInside whether a link that resolves to a directory inside {@code base} may be gone
     *                    through: yes for the live install (a {@code current -> releases/2} link, which
     *                    backups also go through), never in the staging directory
     * @throws CairnException IO naming the link
     */
    static void refuseLinkedParents(Path base, String rel, boolean linksInside) {
        int slash = rel.indexOf('/');
        while (slash > 0) {
            String parent = rel.substring(0, slash);
            Path link = base.resolve(parent);
            if (Files.isSymbolicLink(link) && !(linksInside && leadsToDirectoryInside(base, link))) {
                throw new CairnException(CairnException.Kind.IO, "refusing to restore " + rel + " through the symbolic link " + parent
                        + (linksInside ? ", which does not lead to a directory inside " + base : ""));
            }
            slash = rel.indexOf('/', slash + 1);
        }
    }

    private static boolean leadsToDirectoryInside(Path base, Path link) {
        try {
            Path real = link.toRealPath();
            return Files.isDirectory(real) && real.startsWith(base.toRealPath());
        } catch (IOException dangling) {
            return false;
        }
    }

    private void moveAside(Path live, String rel, BufferedWriter journal) throws IOException {
        Path aside = rollback.resolve(rel);
        Files.createDirectories(aside.getParent());
        Files.move(live, aside, StandardCopyOption.ATOMIC_MOVE);
        record(new Step("aside", live, aside), journal);
    }

    /** Creates missing parents; links among them were checked by {@link #refuseLinkedParents} and lead inside the root. */
    private void ensureParents(Path dir, BufferedWriter journal) throws IOException {
        if (dir == null || dir.equals(root) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(dir)) {
            return;
        }
        ensureParents(dir.getParent(), journal);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            moveAside(dir, root.relativize(dir).toString(), journal);
        }
        Files.createDirectory(dir);
        record(new Step("mkdir", dir, null), journal);
    }

    private void record(Step step, BufferedWriter journal) throws IOException {
        done.push(step);
        journal.write(step.kind() + "\t" + step.from() + (step.to() == null ? "" : "\t" + step.to())
                + (step.mode() < 0 ? "" : "\t" + Integer.toOctalString(step.mode())));
        journal.newLine();
        journal.flush();
    }

    private void undo(Exception cause) {
        while (!done.isEmpty()) {
            Step s = done.pop();
            try {
                switch (s.kind()) {
                    case "place" -> Files.move(s.to(), s.from(), StandardCopyOption.ATOMIC_MOVE);
                    case "aside" -> Files.move(s.to(), s.from(), StandardCopyOption.ATOMIC_MOVE);
                    case "mkdir" -> Files.deleteIfExists(s.from());
                    case "chmod" -> Files.setPosixFilePermissions(s.from(), FileMetadata.toPermissions(s.mode()));
                    default -> throw new IllegalStateException(s.kind());
                }
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(new IOException("rollback step " + s + " failed; see " + journalFile, e));
            }
        }
    }

    private void applyDirectoryMetadata(List<ManifestItem> changes, BufferedWriter journal) throws IOException {
        for (ManifestItem item : changes.stream().filter(i -> ManifestItem.DIR.equals(i.type()))
                .sorted(Comparator.comparing(ManifestItem::path).reversed()).toList()) {
            Path dir = root.resolve(item.path());
            if (item.mode() >= 0) {
                int previous = FileMetadata.toMode(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
                record(new Step("chmod", dir, null, previous), journal);
                Files.setPosixFilePermissions(dir, FileMetadata.toPermissions(item.mode()));
            }
            Files.setLastModifiedTime(dir, FileTime.from(item.mtimeNs(), TimeUnit.NANOSECONDS));
        }
    }

    private void syncDirectories(List<ManifestItem> changes) {
        changes.stream().map(i -> root.resolve(i.path()).getParent()).distinct().forEach(Swap::fsyncDirectory);
    }

    static void fsyncDirectory(Path dir) {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync directories; the renames are still atomic
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
