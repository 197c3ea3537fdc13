package dev.cairn.engine.restorer;

import dev.cairn.engine.registry.Plugin;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.FileMetadata;
import dev.cairn.framework.unit.Item;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.PatternSyntaxException;

/** Restores snapshots. See the package documentation for the order of work and its invariant. */
public final class Restorer {

    /** Files staged at once at the least (one per core on larger machines), so one file waiting for the disk does not idle a core. */
    private static final int STAGING_THREADS = 2;
    private static final int HASH_SLICE = 16 * 1024;

    private final Repository repository;
    private final PluginRegistry registry;
    private final Map<String, ConfigView> unitConfig;

    /**
     * @param repository where the data is
     * @param registry   the units, for smoke tests and companion files; {@code null} to skip both
     * @param unitConfig each unit's options (from the install profile), by unit id
     */
    public Restorer(Repository repository, PluginRegistry registry, Map<String, ConfigView> unitConfig) {
        this.repository = repository;
        this.registry = registry;
        this.unitConfig = Map.copyOf(unitConfig);
    }

    /** {@return the plan of {@code request} without changing anything} */
    public RecoveryPlan plan(RestoreRequest request) {
        List<ManifestItem> selected = select(request);
        List<RecoveryPlan.Entry> entries = new ArrayList<>();
        for (ManifestItem item : selected) {
            entries.add(new RecoveryPlan.Entry(item.path(), item.unit(), item.type(), item.size(), actionFor(request.root(), item)));
        }
        return new RecoveryPlan(request.manifest().backupId(), request.root().toString(), request.inPlace(),
                List.copyOf(request.units()), request.paths(), request.dryRun(), entries);
    }

    /**
     * Restores as {@code request} says.
     *
     * @throws CairnException SMOKE_TEST when a unit rejects its staged files, CORRUPT (or NOT_FOUND) when stored
     *                        data does not match the manifest (naming the file; unless the request skips damaged
     *                        files), IO when writing fails, USAGE when damaged files are to be skipped in place;
     *                        in every case the root is as it was
     */
    public RestoreResult restore(RestoreRequest request) {
        if (request.skipDamaged() && request.inPlace()) {
            throw new CairnException(CairnException.Kind.USAGE, "damaged files can be skipped only in a restore into a target "
                    + "directory: an install with files left out would not be the snapshot");
        }
        RecoveryPlan plan = plan(request);
        if (request.dryRun()) {
            return new RestoreResult(plan, 0, 0, List.of());
        }
        Map<String, ManifestItem> byPath = new LinkedHashMap<>();
        for (ManifestItem i : select(request)) {
            byPath.put(i.path(), i);
        }
        List<ManifestItem> changes = plan.changes().stream().map(e -> byPath.get(e.path())).toList();
        List<Issue> issues = new ArrayList<>();
        if (changes.isEmpty()) {
            return new RestoreResult(plan, 0, 0, issues);
        }
        Path root = request.root().toAbsolutePath().normalize();
        Path work = root.resolve(".cairn-restore-" + UUID.randomUUID().toString().substring(0, 8));
        Path stage = work.resolve("stage");
        long bytes = 0;
        long files = 0;
        try {
            Files.createDirectories(root);
            Files.createDirectories(stage);
            // Links first, then every file's parents are checked against them: a link staged for one item
            // must never be followed by another item below it.
            List<ManifestItem> stagedFiles = new ArrayList<>();
            for (ManifestItem item : changes) {
                if (ManifestItem.SYMLINK.equals(item.type())) {
                    Swap.refuseLinkedParents(stage, item.path(), false);
                    Path link = stage.resolve(item.path());
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, Path.of(item.target()));
                }
            }
            for (ManifestItem item : changes) {
                if (ManifestItem.FILE.equals(item.type())) {
                    Swap.refuseLinkedParents(stage, item.path(), false);
                    stagedFiles.add(item);
                    bytes += item.size();
                    files++;
                }
            }
            SmokeTests smokeTests = new SmokeTests(registry, unitConfig, stage, changes);
            List<ManifestItem> damaged = stageAll(stage, stagedFiles, request, smokeTests, issues);
            smokeTests.finish(issues);
            stopIfCancelled(request);   // the last point at which stopping changes nothing; a swap once begun is finished
            List<ManifestItem> swapped = changes;
            if (!damaged.isEmpty()) {
                Set<ManifestItem> left = new java.util.HashSet<>(damaged);
                swapped = changes.stream().filter(i -> !left.contains(i)).toList();
                files -= damaged.size();
                bytes -= damaged.stream().mapToLong(ManifestItem::size).sum();
            }
            new Swap(root, work, stage, companions(swapped), request.swapObserver()).run(swapped);
            Swap.deleteTree(work);
            return new RestoreResult(plan, files, bytes, issues, damaged.stream().map(ManifestItem::path).toList());
        } catch (IOException e) {
            cleanUpAfterFailure(work);
            throw new CairnException(CairnException.Kind.IO, "restore failed, " + where(request) + " is unchanged: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUpAfterFailure(work);
            throw e;
        }
    }

    /** Throws CANCELLED when the request's cancellation was asked for (staging is then deleted, nothing live changed). */
    private static void stopIfCancelled(RestoreRequest request) {
        if (request.cancellation().isCancelled()) {
            throw new CairnException(CairnException.Kind.CANCELLED, "restore stopped before it changed anything: "
                    + where(request) + " is unchanged");
        }
    }

    /** Deletes the staged files; keeps the restore directory when a failed rollback left live files in it. */
    private static void cleanUpAfterFailure(Path work) {
        Swap.deleteTree(work.resolve("stage"));
        Path rollback = work.resolve("rollback");
        boolean holdsFiles;
        try (var walk = Files.walk(rollback)) {
            holdsFiles = walk.anyMatch(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            holdsFiles = Files.exists(rollback);
        }
        if (!holdsFiles) {
            Swap.deleteTree(work);
        }
    }

    private static String where(RestoreRequest r) {
        return r.inPlace() ? "the live install" : r.root().toString();
    }

    private List<ManifestItem> select(RestoreRequest request) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String p : request.paths()) {
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            } catch (PatternSyntaxException e) {
                throw new CairnException(CairnException.Kind.USAGE, "path pattern '" + p + "' is not a valid glob: " + e.getDescription());
            }
        }
        Set<String> known = new java.util.HashSet<>();
        request.manifest().units().forEach(u -> known.add(u.id()));
        for (String u : request.units()) {
            if (!known.contains(u)) {
                throw new CairnException(CairnException.Kind.USAGE, "snapshot " + shortId(request) + " has no unit '" + u
                        + "' (it has: " + String.join(", ", known) + ")");
            }
        }
        List<ManifestItem> out = new ArrayList<>();
        for (ManifestItem item : request.manifest().items()) {
            try {
                Item.checkPath(item.path());
            } catch (IllegalArgumentException e) {
                throw new CairnException(CairnException.Kind.CORRUPT, "snapshot " + shortId(request) + " holds an unsafe path: " + e.getMessage());
            }
            if (!request.units().isEmpty() && !request.units().contains(item.unit())) {
                continue;
            }
            if (!matchers.isEmpty() && matchers.stream().noneMatch(m -> matchesOrUnder(m, item.path()))) {
                continue;
            }
            out.add(item);
        }
        out.sort(Comparator.comparing(ManifestItem::path));
        return out;
    }

    private static boolean matchesOrUnder(PathMatcher m, String path) {
        Path p = Path.of(path);
        for (Path q = p; q != null; q = q.getParent()) {
            if (m.matches(q)) {
                return true;
            }
        }
        return false;
    }

    private static String shortId(RestoreRequest r) {
        String id = r.manifest().backupId();
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }

    private RecoveryPlan.Action actionFor(Path root, ManifestItem item) {
        Path live = root.resolve(item.path());
        if (!Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
            return RecoveryPlan.Action.CREATE;
        }
        try {
            switch (item.type()) {
                case ManifestItem.DIR -> {
                    return Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS) && sameMode(live, item)
                            ? RecoveryPlan.Action.UNCHANGED : RecoveryPlan.Action.REPLACE;
                }
                case ManifestItem.SYMLINK -> {
                    return Files.isSymbolicLink(live) && Files.readSymbolicLink(live).toString().equals(item.target())
                            ? RecoveryPlan.Action.UNCHANGED : RecoveryPlan.Action.REPLACE;
                }
                default -> {
                    if (!Files.isRegularFile(live, LinkOption.NOFOLLOW_LINKS) || Files.size(live) != item.size()) {
                        return RecoveryPlan.Action.REPLACE;
                    }
                    if (!sameMode(live, item)) {
                        return RecoveryPlan.Action.REPLACE;
                    }
                    return sha256(live).equals(item.sha256()) ? RecoveryPlan.Action.UNCHANGED : RecoveryPlan.Action.REPLACE;
                }
            }
        } catch (IOException e) {
            return RecoveryPlan.Action.REPLACE;
        }
    }

    /** {@return whether the permission bits of {@code live} are those of {@code item} (or either is unknown)} */
    private static boolean sameMode(Path live, ManifestItem item) throws IOException {
        FileMetadata m = FileMetadata.read(live);
        return item.mode() < 0 || m.mode() < 0 || (m.mode() & 0777) == (item.mode() & 0777);
    }

    /**
     * Stages files on a small pool (reading, decrypting, decompressing and hashing overlap across files);
     * this thread, which otherwise only waits, runs each unit's smoke test as soon as the unit's files are staged.
     * Files are synced before an in-place swap; a restore into a target directory is not synced file by
     * file (a crash there leaves a partial target, never a changed install).
     *
     * @return the files left out because their stored data is damaged (each also reported in {@code issues});
     *         empty unless the request skips damaged files, which otherwise stop the restore
     */
    private List<ManifestItem> stageAll(Path stage, List<ManifestItem> items, RestoreRequest request, SmokeTests smokeTests,
                                        List<Issue> issues) throws IOException {
        int threads = Math.max(STAGING_THREADS, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-restore");
            t.setDaemon(true);
            return t;
        });
        List<Staged> damaged = new ArrayList<>();
        try {
            java.util.concurrent.CompletionService<Staged> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
            for (ManifestItem item : items) {
                done.submit(() -> {
                    stopIfCancelled(request);
                    request.progress().itemStarted(item.path(), item.size());
                    Staged staged = stageOrSkip(stage, item, request);
                    request.progress().itemFinished(item.path());
                    return staged;
                });
            }
            for (int i = 0; i < items.size(); i++) {
                try {
                    Staged staged = done.take().get();
                    if (staged.damage() == null) {
                        smokeTests.staged(staged.item());
                    } else {
                        damaged.add(staged);
                        smokeTests.leftOut(staged.item());
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new CairnException(CairnException.Kind.INTERNAL, "staging failed: " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CairnException(CairnException.Kind.CANCELLED, "restore interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // reported in path order, so that what a restore says does not depend on which file failed first
        damaged.sort(Comparator.comparing(d -> d.item().path()));
        for (Staged d : damaged) {
            issues.add(Issue.error(d.item().unit(), d.item().path(), "not restored: its stored data is damaged or missing: "
                    + d.damage().getMessage()));
        }
        return damaged.stream().map(Staged::item).toList();
    }

    /** A file staged ({@code damage == null}), or left out because its stored data is damaged. */
    private record Staged(ManifestItem item, CairnException damage) {
    }

    /**
     * Stages one file. Stored data that is damaged or missing (CORRUPT, NOT_FOUND) stops the restore, with the
     * file named, unless the request skips damaged files: then the partly staged file is deleted and the damage
     * returned. Anything else (a full disk, a cancellation) stops the restore either way.
     */
    private Staged stageOrSkip(Path stage, ManifestItem item, RestoreRequest request) throws IOException {
        try {
            stageFile(stage, item, request, request.inPlace());
            return new Staged(item, null);
        } catch (CairnException e) {
            if (e.kind() != CairnException.Kind.CORRUPT && e.kind() != CairnException.Kind.NOT_FOUND) {
                throw e;
            }
            if (!request.skipDamaged()) {
                throw e.withContext(item.unit(), item.path());
            }
            Files.deleteIfExists(stage.resolve(item.path()));
            return new Staged(item, e);
        }
    }

    private void stageFile(Path stage, ManifestItem item, RestoreRequest request, boolean sync) throws IOException {
        Path target = stage.resolve(item.path());
        Files.createDirectories(target.getParent());
        MessageDigest md = newSha256();
        long written = 0;
        try (FileChannel ch = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
             OutputStream out = Channels.newOutputStream(ch);
             InputStream in = repository.openContent(repository.chunksOf(item))) {
            // sized to the file: a buffer of 256 KiB per small file was a sixth of a restore's allocation
            byte[] buf = new byte[(int) Math.max(1, Math.min(256 * 1024, item.size()))];
            for (int n; (n = in.read(buf)) > 0; ) {
                stopIfCancelled(request);
                updateInSlices(md, buf, n);
                out.write(buf, 0, n);
                written += n;
                request.progress().bytesProcessed(n);
            }
            out.flush();
            if (sync) {
                ch.force(true);
            }
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (written != item.size() || !actual.equals(item.sha256())) {
            throw new CairnException(CairnException.Kind.CORRUPT, "restored content of " + item.path() + " does not match the snapshot ("
                    + written + " bytes, sha256 " + actual + "; expected " + item.size() + " bytes, " + item.sha256() + ")");
        }
        if (item.mode() >= 0) {
            Files.setPosixFilePermissions(target, FileMetadata.toPermissions(item.mode()));
        }
        Files.setLastModifiedTime(target, FileTime.from(item.mtimeNs(), TimeUnit.NANOSECONDS));
    }

    private Map<String, Set<String>> companions(List<ManifestItem> changes) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (registry == null) {
            return out;
        }
        for (ManifestItem i : changes) {
            Plugin<BackupUnit> unit = registry.units().get(i.unit());
            if (unit != null && ManifestItem.FILE.equals(i.type())) {
                try {
                    Set<String> suffixes = unit.instance().companionSuffixes();
                    if (!suffixes.isEmpty()) {
                        out.put(i.path(), suffixes);
                    }
                } catch (RuntimeException ignored) {
                    // a unit that cannot say has no companions
                }
            }
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[256 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                updateInSlices(md, buf, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Feeds {@code buf[0, n)} to a digest in 16 KiB calls: the JDK reaches its compiled SHA-256 after
     * many calls, not after a few large ones, and a restore lives in the first seconds of a process.
     */
    private static void updateInSlices(MessageDigest md, byte[] buf, int n) {
        for (int p = 0; p < n; p += HASH_SLICE) {
            md.update(buf, p, Math.min(HASH_SLICE, n - p));
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
