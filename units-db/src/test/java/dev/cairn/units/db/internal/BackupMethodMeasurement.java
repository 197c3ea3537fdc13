package dev.cairn.units.db.internal;

import org.sqlite.SQLiteConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The throwaway measurement behind the unit's choice of copy method and chunk size (not a test; run it with
 * {@code units-db/scripts/measure-backup-methods.sh [megabytes]}). On a {@link BalanceDatabase} of the
 * given size in WAL mode, with a {@link BalanceWriter} in another process committing as fast as it can:
 *
 * <ol>
 *   <li>how long a copy takes and how many transactions the writer commits meanwhile, for the Online
 *       Backup API in one step, {@code VACUUM INTO}, and the Online Backup API in steps of 100 pages
 *       (sqlite-jdbc's {@code backup to} default), which restarts whenever the writer commits;</li>
 *   <li>with the writer stopped, a "day" of changes scaled from the benchmark (10,000 inserted
 *       and 1,000 updated rows per 250 MB) between two copies, and the share of the second copy's bytes
 *       in fixed chunks of 1..16 pages that the first copy does not already hold, for backup-API copies
 *       and for {@code VACUUM INTO} copies.</li>
 * </ol>
 * Results go to standard output; the figures are quoted in the package documentation.
 */
public final class BackupMethodMeasurement {

    private BackupMethodMeasurement() {
    }

    /** Runs the measurement; the optional argument is the database size in MB (default 32). */
    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Path dir = Files.createTempDirectory("cairn-db-measure");
        Path db = dir.resolve("bank.db");
        int history = megabytes * 9_000;
        long t0 = System.nanoTime();
        BalanceDatabase.create(db, "wal", 1_000, history, 1);
        System.out.printf(Locale.ROOT, "database: %.1f MB, %d transfers, created in %.1f s%n",
                Files.size(db) / 1e6, history, (System.nanoTime() - t0) / 1e9);

        try (WriterProcess writer = WriterProcess.start(db, "NORMAL", 1000, 42, 0);
             Connection observer = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            double idle = rateDuring(observer, () -> Thread.sleep(2_000));
            System.out.printf(Locale.ROOT, "writer alone: %.0f tx/s%n", idle);
            for (int run = 0; run < 3; run++) {
                Path target = dir.resolve("one-step.db");
                Files.deleteIfExists(target);
                long[] ms = new long[1];
                double rate = rateDuring(observer, () -> ms[0] = timed(() -> backup(db, target, -1, null)));
                System.out.printf(Locale.ROOT, "backup API, one step:   %5d ms, writer %.0f tx/s meanwhile%n", ms[0], rate);
            }
            for (int run = 0; run < 3; run++) {
                Path target = dir.resolve("vacuum.db");
                Files.deleteIfExists(target);
                long[] ms = new long[1];
                double rate = rateDuring(observer, () -> ms[0] = timed(() -> vacuumInto(db, target)));
                System.out.printf(Locale.ROOT, "VACUUM INTO:            %5d ms, writer %.0f tx/s meanwhile%n", ms[0], rate);
            }
            AtomicInteger restarts = new AtomicInteger();
            int[] lastRemaining = {Integer.MAX_VALUE};
            Path stepped = dir.resolve("stepped.db");
            long start = System.nanoTime();
            Thread steppedCopy = new Thread(() -> {
                try {
                    backup(db, stepped, 100, (remaining, total) -> {
                        if (remaining > lastRemaining[0]) {
                            restarts.incrementAndGet();
                        }
                        lastRemaining[0] = remaining;
                    });
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            steppedCopy.setDaemon(true);
            steppedCopy.start();
            steppedCopy.join(20_000);
            System.out.printf(Locale.ROOT, "backup API, 100 pages a step: %s after %.1f s, %d restarts%n",
                    steppedCopy.isAlive() ? "NOT FINISHED" : "finished", (System.nanoTime() - start) / 1e9, restarts.get());
            System.out.println("writer: " + writer.stop());
            steppedCopy.join();
        }

        dedup(dir, db, megabytes);
    }

    private static void dedup(Path dir, Path bank, int megabytes) throws Exception {
        int inserts = Math.max(100, 10_000 * megabytes / 250);
        int updates = Math.max(10, 1_000 * megabytes / 250);
        System.out.printf(Locale.ROOT, "a day of changes: %d inserted and %d updated rows, one transaction each%n", inserts, updates);
        long transfers;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bank)) {
            transfers = BalanceDatabase.transferCount(c);
        }
        dedup(dir, "bank (2 indexes on random account ids)", bank, c -> {
            Random random = new Random(9);
            try (BalanceDatabase.Transfers moves = new BalanceDatabase.Transfers(c, 1_000, 5);
                 PreparedStatement update = c.prepareStatement("UPDATE transfers SET memo = randomblob(48) WHERE id = ?")) {
                day(c, inserts, updates, moves::moveMoney, () -> {
                    update.setLong(1, 1 + (long) (random.nextDouble() * transfers));
                    update.executeUpdate();
                });
            }
        });

        Path events = dir.resolve("events.db");
        long rows = megabytes * 9_000L;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + events); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = wal");
            s.execute("CREATE TABLE events(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, body BLOB)");
            s.execute("CREATE INDEX events_at ON events(at)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ")"
                    + " INSERT INTO events(at, kind, body) SELECT i, 'kind-' || (i % 7), randomblob(60) FROM n");
        }
        dedup(dir, "events (append-mostly, index on time)", events, c -> {
            Random random = new Random(11);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events(at, kind, body) VALUES (?, 'new', randomblob(60))");
                 PreparedStatement update = c.prepareStatement("UPDATE events SET body = randomblob(60) WHERE id = ?")) {
                long[] at = {rows};
                day(c, inserts, updates, () -> {
                    insert.setLong(1, ++at[0]);
                    insert.executeUpdate();
                }, () -> {
                    update.setLong(1, 1 + (long) (random.nextDouble() * rows));
                    update.executeUpdate();
                });
            }
        });
    }

    private interface Change {
        void apply() throws SQLException;
    }

    private interface DayOfChanges {
        void apply(Connection c) throws SQLException;
    }

    /** Interleaves {@code inserts} and {@code updates}, one transaction each, as an application would. */
    private static void day(Connection c, int inserts, int updates, Change insert, Change update) throws SQLException {
        c.setAutoCommit(false);
        int every = inserts / updates + 1;
        for (int i = 0, u = 0; i < inserts || u < updates; ) {
            if (u < updates && (i % every == 0 || i >= inserts)) {
                update.apply();
                u++;
            }
            if (i < inserts) {
                insert.apply();
                i++;
            }
            c.commit();
        }
    }

    private static void dedup(Path dir, String name, Path db, DayOfChanges changes) throws Exception {
        Path backupBefore = dir.resolve("day0-backup.db");
        Path vacuumBefore = dir.resolve("day0-vacuum.db");
        Path backupAfter = dir.resolve("day1-backup.db");
        Path vacuumAfter = dir.resolve("day1-vacuum.db");
        for (Path p : new Path[] {backupBefore, vacuumBefore, backupAfter, vacuumAfter}) {
            Files.deleteIfExists(p);
        }
        backup(db, backupBefore, -1, null);
        vacuumInto(db, vacuumBefore);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            changes.apply(c);
        }
        backup(db, backupAfter, -1, null);
        vacuumInto(db, vacuumAfter);
        System.out.printf(Locale.ROOT, "%s, %.1f MB:%n", name, Files.size(backupAfter) / 1e6);
        for (int pages : new int[] {1, 2, 4, 8, 16}) {
            int size = 4096 * pages;
            System.out.printf(Locale.ROOT, "  %3d KiB chunks (%2d pages): backup-API copy re-stores %5.1f%%, VACUUM INTO copy %5.1f%%; %d chunk ids per snapshot%n",
                    size / 1024, pages, 100 * newShare(backupBefore, backupAfter, size), 100 * newShare(vacuumBefore, vacuumAfter, size),
                    Files.size(backupAfter) / size);
        }
    }

    /** {@return the share of {@code after}'s bytes in fixed chunks of {@code size} that {@code before} does not hold} */
    private static double newShare(Path before, Path after, int size) throws Exception {
        Set<String> known = new HashSet<>(chunks(before, size));
        java.util.List<String> next = chunks(after, size);
        long fresh = next.stream().distinct().filter(h -> !known.contains(h)).count();
        return (double) fresh / next.size();
    }

    private static java.util.List<String> chunks(Path file, int size) throws Exception {
        byte[] all = Files.readAllBytes(file);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int off = 0; off < all.length; off += size) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(all, off, Math.min(size, all.length - off));
            out.add(HexFormat.of().formatHex(md.digest()));
        }
        return out;
    }

    private static void backup(Path db, Path target, int pagesPerStep, org.sqlite.core.DB.ProgressObserver observer) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            int rc = ((SQLiteConnection) c).getDatabase().backup("main", target.toString(), observer, 20, 500, pagesPerStep);
            if (rc != 0) {
                throw new SQLException("backup rc " + rc);
            }
        }
    }

    private static void vacuumInto(Path db, Path target) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("VACUUM INTO '" + target + "'");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** {@return the writer's commits per second while {@code work} runs, counted in the database} */
    private static double rateDuring(Connection observer, Work work) throws Exception {
        long before = BalanceDatabase.transferCount(observer);
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return (BalanceDatabase.transferCount(observer) - before) / seconds;
    }
}
