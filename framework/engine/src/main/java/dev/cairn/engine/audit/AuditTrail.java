package dev.cairn.engine.audit;

import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tamper-evident audit trail in one directory: the SQLite database {@value #DATABASE}, the
 * append-only hash file {@value #CHAIN} and the sealed head {@value #SEAL} (see the package
 * documentation for the format and what verification can and cannot prove).
 *
 * <p>Thread-safe; several processes may append to the same trail (appends are serialized by an OS
 * file lock on {@value #LOCK}). Close it to release the database.
 */
public final class AuditTrail implements AutoCloseable {

    /** The audit database's file name. */
    public static final String DATABASE = "audit.db";
    /** The hash file's name. */
    public static final String CHAIN = "chain.log";
    /** The sealed head's file name. */
    public static final String SEAL = "head.seal";
    /** The lock file's name. */
    public static final String LOCK = "lock";

    private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());

    private final Path dir;
    private final Clock clock;
    private final EventChain chain;
    private final AuditDatabase db;
    private final ChainFile chainFile;
    private final HeadSeal seal;
    private final TrailLock lock;

    private AuditTrail(Path dir, Clock clock, EventChain chain, AuditDatabase db) {
        this.dir = dir;
        this.clock = clock;
        this.chain = chain;
        this.db = db;
        this.chainFile = new ChainFile(dir.resolve(CHAIN));
        this.seal = new HeadSeal(dir.resolve(SEAL), chain);
        this.lock = new TrailLock(dir.resolve(LOCK));
    }

    /**
     * Opens the trail in {@code dir}, creating the directory and an empty trail when there is none.
     * Opening does not verify the trail; {@link #append} checks its end and {@link #verify()} all of it.
     *
     * @param key the 32-byte audit key (a repository's {@code auditKey()}); copied
     * @throws CairnException CONFIG when the key is not 32 bytes, CORRUPT when {@value #DATABASE} is not a
     *                        readable audit database, IO when the files cannot be opened
     */
    public static AuditTrail open(Path dir, byte[] key) {
        return open(dir, key, Clock.systemUTC());
    }

    /**
     * Opens the trail in {@code dir}, taking event times from {@code clock}.
     *
     * @see #open(Path, byte[])
     */
    public static AuditTrail open(Path dir, byte[] key, Clock clock) {
        EventChain chain = new EventChain(key);
        AuditDatabase db;
        try {
            Files.createDirectories(dir);
            db = AuditDatabase.open(dir.resolve(DATABASE));
        } catch (IOException | SQLException e) {
            throw failure("open", dir, e);
        }
        AuditTrail trail = new AuditTrail(dir, clock, chain, db);
        try {
            trail.sealIfNew();
        } catch (RuntimeException e) {
            trail.close();
            throw e;
        }
        return trail;
    }

    /** {@return the directory holding the trail} */
    public Path directory() {
        return dir;
    }

    /**
     * Appends an event durably: the row is committed to the database, then its line is appended to
     * {@value #CHAIN} and forced to disk, then the head seal is replaced atomically. When the previous
     * append was cut short by a crash and its event is authentic under the key, that append is
     * completed first and a {@link AuditEventType#REPAIR} event recording it is appended before this one.
     *
     * @return the recorded event
     * @throws CairnException CORRUPT when the end of the trail is inconsistent (nothing is appended
     *                        then: run {@link #verify()}), IO when it cannot be written
     */
    public AuditEvent append(AuditEntry entry) {
        return locked("append to", () -> {
            Head head = inspect();
            if (head.interruptedRow != null) {
                head = completeInterrupted(head);
            } else if (head.problem != null) {
                throw new CairnException(CairnException.Kind.CORRUPT, "the audit trail in " + dir + " is inconsistent ("
                        + head.problem + "); nothing was appended; run `cairn audit verify`");
            }
            return appendRow(entry, head);
        });
    }

    /**
     * Completes an append that a crash cut short, if there is one, recording a {@link AuditEventType#REPAIR}
     * event. {@link #append} does this by itself; this method lets an operator do it explicitly.
     *
     * @return the repair event, or empty when nothing was interrupted
     * @throws CairnException CORRUPT when the end of the trail is inconsistent in another way
     */
    public Optional<AuditEvent> recover() {
        return locked("repair", () -> {
            Head head = inspect();
            if (head.interruptedRow == null) {
                if (head.problem != null) {
                    throw new CairnException(CairnException.Kind.CORRUPT, "the audit trail in " + dir
                            + " is inconsistent (" + head.problem + ") and cannot be repaired by completing an append");
                }
                return Optional.empty();
            }
            completeInterrupted(head);
            return Optional.of(lastEvent());
        });
    }

    /**
     * {@return every event in the database, oldest first} The events are read as stored; only
     * {@link #verify()} says whether they are authentic.
     *
     * @throws CairnException CORRUPT when a row cannot be read as an event (run {@link #verify()}), IO
     */
    public List<AuditEvent> events() {
        return locked("read", () -> {
            List<AuditEvent> events = new ArrayList<>();
            for (StoredRow row : db.rows()) {
                events.add(toEvent(row));
            }
            return events;
        });
    }

    /**
     * {@return the verdict on the whole trail} Reports every modified, deleted, inserted and reordered
     * event, a cut-off tail, damaged files and an append interrupted by a crash.
     *
     * @throws CairnException IO when a file exists but cannot be read
     */
    public AuditVerification verify() {
        return locked("read", () -> {
            List<StoredRow> rows = List.of();
            String dbError = null;
            try {
                rows = db.rows();
            } catch (SQLException e) {
                dbError = e.getMessage();
            }
            HeadSeal.State sealState = seal.read();
            long expected = Math.max(rows.size(), sealState == null ? 0 : Math.max(0, sealState.count()));
            ChainFile.Contents contents;
            try {
                contents = chainFile.readAll(expected + 1);
            } catch (CairnException tooLarge) {
                List<AuditFinding> findings = new ArrayList<>();
                findings.add(new AuditFinding(AuditFinding.Kind.CHAIN_FILE, 0, tooLarge.getMessage()));
                return new AuditVerification(AuditVerification.Status.TAMPERED, rows.size(), "", findings);
            }
            return new ChainVerifier(chain).verify(rows, contents.lines(), contents.partial(), sealState, dbError);
        });
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the audit database in " + dir + " failed", e);
        }
    }

    /**
     * The end of the trail as {@link #inspect()} found it.
     *
     * @param count           events sealed
     * @param hash            {@code h_count}
     * @param interruptedRow  an authentic event committed to the database beyond the seal, or {@code null}
     * @param problem         why the trail's end is inconsistent, or {@code null}
     */
    private record Head(long count, byte[] hash, StoredRow interruptedRow, String problem) { }

    private void sealIfNew() {
        locked("initialize", () -> {
            if (!seal.exists()) {
                AuditDatabase.Extent extent = db.extent();
                ChainFile.Tail tail = chainFile.tail();
                if (extent.count() == 0 && tail.complete() == 0 && tail.partialBytes() == 0) {
                    seal.write(0, EventChain.GENESIS);
                }
            }
            return null;
        });
    }

    /** Work done while holding the trail's lock. */
    private interface LockedWork<T> {
        T run() throws IOException, SQLException;
    }

    /** Runs {@code work} under the lock, turning I/O and database failures into IO errors that say what failed. */
    private <T> T locked(String verb, LockedWork<T> work) {
        try {
            TrailLock.Held held = lock.acquire();
            try {
                return work.run();
            } finally {
                held.close();
            }
        } catch (IOException | SQLException e) {
            throw failure(verb, dir, e);
        }
    }

    /** SQLite's result codes for a file that is not a database, or a damaged one. */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    /** {@return an IO error, or CORRUPT when SQLite says the database file is damaged} */
    private static CairnException failure(String verb, Path dir, Exception e) {
        boolean damaged = e instanceof SQLException sql
                && (sql.getErrorCode() == SQLITE_CORRUPT || sql.getErrorCode() == SQLITE_NOTADB);
        return new CairnException(damaged ? CairnException.Kind.CORRUPT : CairnException.Kind.IO,
                "cannot " + verb + " the audit trail in " + dir + ": " + e.getMessage(), e);
    }

    /** Checks the end of the trail without reading all of it. */
    private Head inspect() throws IOException, SQLException {
        HeadSeal.State s = seal.read();
        if (s == null) {
            return new Head(0, null, null, SEAL + " is missing");
        }
        if (!s.authentic()) {
            return new Head(0, null, null, SEAL + " is not authentic (tampered with, or a wrong audit key)");
        }
        long n = s.count();
        byte[] sealed = EventChain.unhex(s.head());
        AuditDatabase.Extent extent = db.extent();
        ChainFile.Tail tail = chainFile.tail();
        if (extent.count() != extent.maxSeq()) {
            return new Head(n, sealed, null, "the database rows are not numbered 1.." + extent.count());
        }
        boolean lineNMatches = n == 0 ? true : tail.complete() >= n && lineHash(tail, n).equals(s.head());
        if (extent.count() == n && tail.complete() == n && tail.partialBytes() == 0) {
            boolean lastRowMatches = n == 0 ? s.head().equals(EventChain.hex(EventChain.GENESIS))
                    : extent.last().hash() != null && extent.last().hash().equals(s.head());
            if (lineNMatches && lastRowMatches) {
                return new Head(n, sealed, null, null);
            }
            return new Head(n, sealed, null, "the last event disagrees with " + SEAL);
        }
        if (extent.count() == n + 1 && lineNMatches) {
            StoredRow row = extent.last();
            boolean authentic = EventChain.hex(chain.link(sealed, row)).equals(row.hash());
            boolean lineMissingOrPartial = tail.complete() == n
                    && ChainFile.line(n + 1, String.valueOf(row.hash())).startsWith(tail.partial());
            boolean lineWritten = tail.complete() == n + 1 && tail.partialBytes() == 0
                    && tail.last() != null && tail.last().hash().equals(row.hash());
            if (authentic && (lineMissingOrPartial || lineWritten)) {
                return new Head(n, sealed, row, null);
            }
        }
        return new Head(n, sealed, null, "the database holds " + extent.count() + " events, " + CHAIN + " "
                + tail.complete() + (tail.partialBytes() > 0 ? " and a half-written line" : "") + ", " + SEAL + " vouches for " + n);
    }

    private static String lineHash(ChainFile.Tail tail, long n) {
        ChainFile.Line line = tail.complete() == n ? tail.last() : tail.complete() == n + 1 ? tail.beforeLast() : null;
        return line == null || line.seq() != n ? "" : line.hash();
    }

    /** Finishes the interrupted append found by {@link #inspect()} and records a repair event. */
    private Head completeInterrupted(Head head) throws IOException, SQLException {
        StoredRow row = head.interruptedRow;
        long seq = row.seq();
        chainFile.replaceTail(head.count, seq, row.hash());
        byte[] hash = EventChain.unhex(row.hash());
        seal.write(seq, hash);
        LOG.log(Level.WARNING, "completed audit event " + seq + " in " + dir + ", whose append was interrupted");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("completed_seq", seq);
        summary.put("reason", "the append of event " + seq + " was interrupted before it was sealed");
        AuditEvent repair = appendRow(AuditEntry.of(AuditEventType.REPAIR, null, summary), new Head(seq, hash, null, null));
        return new Head(repair.seq(), EventChain.unhex(repair.hash()), null, null);
    }

    private AuditEvent appendRow(AuditEntry entry, Head head) throws IOException, SQLException {
        long seq = head.count + 1;
        String time = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        StoredRow draft = new StoredRow(seq, time, entry.type().wireName(), entry.actor(), entry.host(), entry.snapshotId(),
                SummaryJson.canonical(entry.summary()), null);
        byte[] hash = chain.link(head.hash, draft);
        StoredRow row = new StoredRow(seq, time, draft.type(), draft.actor(), draft.host(), draft.snapshotId(),
                draft.summary(), EventChain.hex(hash));
        db.insert(row);
        chainFile.append(seq, row.hash());
        seal.write(seq, hash);
        return toEvent(row);
    }

    private AuditEvent lastEvent() throws SQLException {
        return toEvent(db.extent().last());
    }

    private static AuditEvent toEvent(StoredRow row) {
        try {
            return new AuditEvent(row.seq(), Instant.parse(row.time()), AuditEventType.fromWireName(row.type()), row.actor(),
                    row.host(), row.snapshotId(), row.summary(), row.hash());
        } catch (DateTimeParseException | NullPointerException | CairnException e) {
            throw new CairnException(CairnException.Kind.CORRUPT, "audit event " + row.seq() + " cannot be read ("
                    + e.getMessage() + "); run `cairn audit verify`", e);
        }
    }
}
