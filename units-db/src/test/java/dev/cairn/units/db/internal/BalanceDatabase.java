package dev.cairn.units.db.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small bank used to prove consistency: accounts, and transfers between them that reference the
 * accounts by foreign key and are indexed by both ends. Every transfer moves money in one transaction, so
 * a consistent database always satisfies two invariants that a torn copy breaks: the sum of all balances
 * is constant, and each balance equals its opening balance plus what the transfers table says came in
 * minus what went out.
 */
final class BalanceDatabase {

    static final long OPENING_BALANCE = 1_000_000;

    private BalanceDatabase() {
    }

    /** Creates the bank at {@code file} in {@code journalMode} with {@code history} transfers already made. */
    static void create(Path file, String journalMode, int accounts, int history, long seed) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = " + journalMode);
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("CREATE TABLE meta(accounts INTEGER NOT NULL, opening INTEGER NOT NULL)");
            s.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER NOT NULL)");
            s.execute("CREATE TABLE transfers(id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL REFERENCES accounts(id),"
                    + " to_id INTEGER NOT NULL REFERENCES accounts(id), amount INTEGER NOT NULL, memo BLOB)");
            s.execute("CREATE INDEX transfers_from ON transfers(from_id)");
            s.execute("CREATE INDEX transfers_to ON transfers(to_id)");
            s.execute("INSERT INTO meta VALUES (" + accounts + ", " + OPENING_BALANCE + ")");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
                for (int id = 1; id <= accounts; id++) {
                    p.setInt(1, id);
                    p.setString(2, "owner-" + id);
                    p.setLong(3, OPENING_BALANCE);
                    p.executeUpdate();
                }
            }
            Transfers transfers = new Transfers(c, accounts, seed);
            for (int i = 0; i < history; i++) {
                transfers.moveMoney();
            }
            c.commit();
        }
    }

    /** Prepared statements for one writer connection. */
    static final class Transfers implements AutoCloseable {
        private final PreparedStatement debit;
        private final PreparedStatement credit;
        private final PreparedStatement record;
        private final int accounts;
        private final java.util.Random random;

        Transfers(Connection c, int accounts, long seed) throws SQLException {
            this.debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
            this.credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
            this.record = c.prepareStatement("INSERT INTO transfers(from_id, to_id, amount, memo) VALUES (?, ?, ?, randomblob(48))");
            this.accounts = accounts;
            this.random = new java.util.Random(seed);
        }

        /** Moves a random amount between two random accounts (inside the caller's transaction). */
        void moveMoney() throws SQLException {
            int from = 1 + random.nextInt(accounts);
            int to = 1 + random.nextInt(accounts);
            long amount = 1 + random.nextInt(1_000);
            debit.setLong(1, amount);
            debit.setInt(2, from);
            debit.executeUpdate();
            credit.setLong(1, amount);
            credit.setInt(2, to);
            credit.executeUpdate();
            record.setInt(1, from);
            record.setInt(2, to);
            record.setLong(3, amount);
            record.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            debit.close();
            credit.close();
            record.close();
        }
    }

    /** {@return the number of transfers recorded} */
    static long transferCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM transfers")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * {@return what is wrong with the bank: failed integrity_check or foreign_key_check lines and broken
     * invariants; empty when it is consistent} SQLite errors (a copy too torn to query) are reported too.
     */
    static List<String> problems(Connection c) {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                while (r.next()) {
                    if (!"ok".equals(r.getString(1))) {
                        problems.add("integrity_check: " + r.getString(1));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
                while (r.next()) {
                    problems.add("foreign_key_check: " + r.getString(1) + " row " + r.getLong(2));
                }
            }
            long accounts;
            long opening;
            try (ResultSet r = s.executeQuery("SELECT accounts, opening FROM meta")) {
                r.next();
                accounts = r.getLong(1);
                opening = r.getLong(2);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*), total(balance) FROM accounts")) {
                r.next();
                if (r.getLong(1) != accounts || (long) r.getDouble(2) != accounts * opening) {
                    problems.add("sum of balances: " + r.getLong(1) + " accounts hold " + (long) r.getDouble(2)
                            + ", expected " + accounts + " holding " + accounts * opening);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT a.id, a.balance, " + opening + " - ifnull(o.s, 0) + ifnull(i.s, 0)"
                    + " FROM accounts a"
                    + " LEFT JOIN (SELECT from_id AS id, sum(amount) AS s FROM transfers GROUP BY from_id) o ON o.id = a.id"
                    + " LEFT JOIN (SELECT to_id AS id, sum(amount) AS s FROM transfers GROUP BY to_id) i ON i.id = a.id"
                    + " WHERE a.balance != " + opening + " - ifnull(o.s, 0) + ifnull(i.s, 0) LIMIT 3")) {
                while (r.next()) {
                    problems.add("account " + r.getLong(1) + " holds " + r.getLong(2) + " but its transfers say " + r.getLong(3));
                }
            }
        } catch (SQLException e) {
            problems.add("SQLite error: " + e.getMessage());
        }
        return problems;
    }
}
