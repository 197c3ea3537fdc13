package dev.cairn.units.db.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.FileMetadata;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code db} unit: SQLite databases of the install, backed up hot and consistent while the
 * application writes, stored in page-aligned chunks, and smoke-tested with {@code integrity_check} and
 * {@code foreign_key_check} before a restore replaces the live file. The method, the restore rules and
 * the measurements behind them are in the package documentation.
 */
public final class SqliteUnit implements BackupUnit {

    /** The unit id. */
    public static final String ID = "db";

    private static final Set<String> COMPANIONS = Set.of("-wal", "-shm", "-journal");
    private static final List<String> SUGGESTED_EXTENSIONS = List.of(".db", ".sqlite", ".sqlite3", ".db3");
    private static final int SUGGEST_DEPTH = 4;

    /** Creates the unit; it keeps no state between calls. */
    public SqliteUnit() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "SQLite databases, copied hot through SQLite's backup API and checked on restore";
    }

    @Override
    public UnitPlan plan(UnitContext ctx) {
        SqliteOptions.from(ctx.config());
        DatabaseFinder.Result found = finder(ctx).find(ctx.installRoot(), ctx.paths(), ctx.excludes());
        List<UnitPlan.PlannedItem> items = new ArrayList<>();
        List<Issue> issues = new ArrayList<>(found.issues());
        for (DatabaseFinder.Database db : found.databases()) {
            try {
                // File attributes only: the plan never opens a database (no locks, no -wal/-shm created).
                items.add(new UnitPlan.PlannedItem(db.itemPath(), UnitPlan.PlannedItem.Type.FILE, FileMetadata.read(db.file()).size()));
            } catch (IOException e) {
                issues.add(Issue.warning(ctx.unitId(), db.itemPath(), "cannot read file attributes: " + e.getMessage()));
            }
        }
        return new UnitPlan(items, issues);
    }

    @Override
    public UnitOutcome backup(BackupContext ctx) {
        ctx.cancellation().throwIfCancelled();
        SqliteOptions options = SqliteOptions.from(ctx.config());
        DatabaseFinder.Result found = finder(ctx).find(ctx.installRoot(), ctx.paths(), ctx.excludes());
        found.issues().forEach(ctx.sink()::report);
        if (found.databases().isEmpty()) {
            return UnitOutcome.skipped("no database found at " + ctx.paths());
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory(ctx.scratchDirectory(), "db-");
        } catch (IOException e) {
            return UnitOutcome.failed("cannot create a scratch directory for database copies: " + e.getMessage(), e);
        }
        long items = 0;
        int index = 0;
        for (DatabaseFinder.Database db : found.databases()) {
            ctx.cancellation().throwIfCancelled();
            Path target = workDir.resolve((index++) + "-" + db.file().getFileName());
            try {
                if (backupOne(ctx, options, db, target)) {
                    items++;
                }
            } catch (StoreFailure e) {
                return UnitOutcome.failed(e.getMessage(), e.getCause());
            }
        }
        return UnitOutcome.succeeded(items);
    }

    /** {@return whether the database was streamed; false when it was reported and skipped} */
    private boolean backupOne(BackupContext ctx, SqliteOptions options, DatabaseFinder.Database db, Path target) {
        // A quick look through SQLite (never plain file I/O): is it a database, and its page size. It does
        // not wait for locks: a busy database keeps one-page-of-4-KiB chunks, which are page-aligned for every
        // page size, and the copy itself waits (with its deadline and fallback) when the engine reads it.
        int pageSize = PageAlignedChunking.MIN_CHUNK_BYTES;
        try (Connection c = SqliteConnections.openLive(db.file(), 0)) {
            SqliteConnections.queryOne(c, "PRAGMA schema_version"); // reads page 1: fails on a file that is no database
            pageSize = Integer.parseInt(SqliteConnections.queryOne(c, "PRAGMA page_size"));
        } catch (SQLException e) {
            if (!isBusy(e)) {
                if (!Files.exists(db.file(), LinkOption.NOFOLLOW_LINKS)) {
                    ctx.sink().report(Issue.warning(ID, db.itemPath(), "database vanished before it was copied"));
                } else {
                    ctx.sink().report(Issue.error(ID, db.itemPath(), "SQLite cannot read the database: " + e.getMessage()));
                }
                return false;
            }
        } catch (NumberFormatException e) {
            ctx.sink().report(Issue.error(ID, db.itemPath(), "SQLite reports no page size: " + e.getMessage()));
            return false;
        }
        // Taken after the connection above closed (closing the last connection may checkpoint the WAL).
        FileMetadata signature;
        try {
            signature = ChangeSignature.of(db.file(), ctx.clock().instant());
        } catch (NoSuchFileException e) {
            ctx.sink().report(Issue.warning(ID, db.itemPath(), "database vanished before it was copied"));
            return false;
        } catch (IOException e) {
            ctx.sink().report(Issue.error(ID, db.itemPath(), "cannot read file attributes: " + e.getMessage()));
            return false;
        }
        ChunkingPolicy chunking = options.pageAligned()
                ? PageAlignedChunking.forPageSize(pageSize) : ChunkingPolicy.contentDefined();
        // The consistent copy is made only when the engine reads the item: a database whose signature
        // equals the baseline's is taken from the baseline with no copy at all.
        Item.File item = new Item.File(db.itemPath(), signature, new CopyOnFirstOpen(() -> copyFor(ctx, options, db, target)),
                chunking, false);
        try {
            ctx.sink().accept(item);
        } catch (IOException e) {
            throw new StoreFailure("storing database " + db.itemPath() + " failed: " + e.getMessage(), e);
        }
        return true;
    }

    private static boolean isBusy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked");
    }

    /** Makes the consistent copy of {@code db} (through SQLite) and checks it when asked; {@return the copy} */
    private static Path copyFor(BackupContext ctx, SqliteOptions options, DatabaseFinder.Database db, Path target) throws IOException {
        ConsistentCopier.Copy copy;
        try {
            Files.deleteIfExists(target);
            copy = ConsistentCopier.copy(db.file(), target, options);
        } catch (SQLException e) {
            throw new IOException("SQLite cannot read the database: " + e.getMessage(), e);
        }
        if (copy.fallbackReason() != null) {
            ctx.sink().report(new Issue(Issue.Severity.INFO, ID, db.itemPath(),
                    "copied with VACUUM INTO (page layout rebuilt, less deduplication this time): " + copy.fallbackReason()));
        }
        ctx.logger().log(System.Logger.Level.DEBUG, () -> db.itemPath() + ": " + copy.method() + ", page_size=" + copy.pageSize()
                + ", journal_mode=" + copy.journalMode() + ", " + copy.bytes() + " bytes");
        if (options.quickCheck()) {
            List<String> problems = DatabaseChecks.quickCheck(copy.file());
            if (!problems.isEmpty()) {
                throw new IOException("quick_check failed for database " + db.itemPath() + ": " + String.join("; ", problems));
            }
        }
        return copy.file();
    }

    @Override
    public ChunkingPolicy chunking() {
        // Items carry their own policy (one page per chunk); this default is page-aligned for pages up to 4 KiB.
        return ChunkingPolicy.fixed(PageAlignedChunking.MIN_CHUNK_BYTES);
    }

    @Override
    public Set<String> companionSuffixes() {
        return COMPANIONS;
    }

    /**
     * Runs {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} on every staged database
     * through an immutable read-only connection (no locks, no {@code -wal}/{@code -shm} created, no
     * byte changed), and refuses a staged database that has a {@code -wal} or {@code -journal} next to
     * it: SQLite would replay or roll back that file on the first open, so what was checked would not be
     * what the application sees.
     */
    @Override
    public SmokeTestResult smokeTest(RestoreContext ctx) {
        List<String> failures = new ArrayList<>();
        for (String itemPath : ctx.items()) {
            Path staged = ctx.staged(itemPath);
            if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                failures.add(itemPath + ": staged database is missing");
                continue;
            }
            for (String suffix : List.of("-wal", "-journal")) {
                if (Files.exists(staged.resolveSibling(staged.getFileName() + suffix), LinkOption.NOFOLLOW_LINKS)) {
                    failures.add(itemPath + ": a " + suffix + " file lies next to the staged database; it is not self-contained");
                }
            }
            for (String problem : DatabaseChecks.integrityAndForeignKeys(staged)) {
                failures.add(itemPath + ": " + problem);
            }
        }
        return failures.isEmpty() ? SmokeTestResult.passed() : SmokeTestResult.failed(String.join("\n", failures));
    }

    /** Suggests files named like SQLite databases ({@code .db}, {@code .sqlite}, ...) by name only. */
    @Override
    public List<String> suggest(Path installRoot) {
        if (!Files.isDirectory(installRoot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(installRoot, SUGGEST_DEPTH)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> SUGGESTED_EXTENSIONS.stream()
                            .anyMatch(ext -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)))
                    .map(p -> installRoot.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot look for databases under " + installRoot, e);
        }
    }

    private DatabaseFinder finder(UnitContext ctx) {
        return new DatabaseFinder(ctx.unitId(), COMPANIONS);
    }

    /** Storing a copy failed: the unit fails, nothing of it is in the snapshot. */
    private static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
