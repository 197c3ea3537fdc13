package dev.cairn.units.db.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The concurrent writer of {@link HotBackupUnderLoadTest}, run in its own JVM so that SQLite's locking
 * between processes is what is tested: it moves money between accounts of a {@link BalanceDatabase}, one
 * transaction per transfer, as fast as it can, until its standard input is closed. It then prints
 * {@code transactions=N seconds=S rate=R busy_retries=B} and exits.
 *
 * <p>Arguments: the database file, {@code PRAGMA synchronous} value, {@code PRAGMA wal_autocheckpoint}
 * pages (small values make checkpoints, and so torn raw copies, frequent), a random seed, and the most
 * transactions per second to commit (0: as many as it can; a cap keeps the database small over long runs).
 */
public final class BalanceWriter {

    private BalanceWriter() {
    }

    /** Runs the writer; see the class documentation for the arguments. */
    public static void main(String[] args) throws Exception {
        String file = args[0];
        String synchronous = args[1];
        int autocheckpoint = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        long maxRate = Long.parseLong(args[4]);
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // wait for end of input
                }
            } catch (IOException ignored) {
                // the parent is gone: stop as well
            }
            stop.set(true);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();

        long committed = 0;
        long busy = 0;
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA synchronous = " + synchronous);
                s.execute("PRAGMA wal_autocheckpoint = " + autocheckpoint);
                // Truncate the -wal after each reset, as many applications do, so it stays small.
                s.execute("PRAGMA journal_size_limit = 65536");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (BalanceDatabase.Transfers transfers = new BalanceDatabase.Transfers(c, accounts(c), seed)) {
                c.commit();
                while (!stop.get()) {
                    try {
                        transfers.moveMoney();
                        c.commit();
                        committed++;
                        if (maxRate > 0 && committed % 50 == 0) {
                            long due = start + committed * 1_000_000_000L / maxRate;
                            long ahead = due - System.nanoTime();
                            if (ahead > 0) {
                                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                            }
                        }
                        if (committed == 200) {
                            System.out.println("ready");
                            System.out.flush();
                        }
                    } catch (SQLException e) {
                        busy++;
                        c.rollback();
                        if (busy > 1000) {
                            throw e;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "transactions=%d seconds=%.1f rate=%.0f busy_retries=%d%n",
                    committed, seconds, committed / seconds, busy);
        }
    }

    private static int accounts(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT accounts FROM meta")) {
            r.next();
            return r.getInt(1);
        }
    }
}
