package dev.cairn.engine.audit;

import dev.cairn.engine.audit.AuditFinding.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the three files of a trail against each other and against the key: every database row must
 * re-hash to its line in {@code chain.log} (chained from the line before it), every line must have its
 * row, and the authenticated head seal must vouch for exactly the last event. A mismatch is localized:
 * after a bad event the check goes on from that event's line in {@code chain.log}, so one modified row
 * yields one finding, not one per later event.
 */
final class ChainVerifier {

    /** The most unmatched events among which reordering is looked for. */
    static final int MAX_REORDER_SEARCH = 64;

    private final EventChain chain;
    private final List<AuditFinding> findings = new ArrayList<>();

    ChainVerifier(EventChain chain) {
        this.chain = chain;
    }

    /**
     * @param rows     the database rows (empty when {@code dbError} is set)
     * @param lines    the chain file's complete lines, {@code null} for a malformed line
     * @param partial  a half-written last line of the chain file, or {@code null}
     * @param seal     the head seal, or {@code null} when missing
     * @param dbError  why the database could not be read, or {@code null}
     */
    AuditVerification verify(List<StoredRow> rows, List<ChainFile.Line> lines, String partial, HeadSeal.State seal,
                             String dbError) {
        if (dbError != null) {
            findings.add(new AuditFinding(Kind.DATABASE, 0, "the audit database cannot be read: " + dbError));
        }
        boolean sealOk = checkSeal(seal);
        Map<Long, StoredRow> rowBySeq = indexRows(rows);
        Map<Long, String> lineBySeq = indexLines(lines);

        long last = Math.max(rowBySeq.isEmpty() ? 0 : ((TreeMap<Long, StoredRow>) rowBySeq).lastKey(),
                lineBySeq.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
        byte[] prev = EventChain.GENESIS;
        List<Long> unmatched = new ArrayList<>();
        String interrupted = null;
        boolean lastLinked = false;
        for (long i = 1; i <= last; i++) {
            StoredRow row = rowBySeq.get(i);
            String line = lineBySeq.get(i);
            lastLinked = false;
            if (row == null && line == null) {
                findings.add(new AuditFinding(Kind.DELETED, i, "event " + i + " is missing from both the database and chain.log"
                        + (i < last ? "; event " + (i + 1) + " cannot be linked to it" : "")));
                prev = null;
                continue;
            }
            if (row == null) {
                findings.add(new AuditFinding(Kind.DELETED, i, "event " + i + " is missing from the database (chain.log still vouches for it)"));
                prev = EventChain.unhex(line);
                continue;
            }
            byte[] calc = prev == null ? null : chain.link(prev, row);
            if (line == null) {
                boolean authentic = calc != null && EventChain.hex(calc).equals(row.hash());
                if (authentic && i == last && sealOk && seal.count() == i - 1 && seal.head().equals(EventChain.hex(prev))
                        && (partial == null || ChainFile.line(i, row.hash()).startsWith(partial))) {
                    interrupted = "event " + i + " was committed to the database but "
                            + (partial == null ? "its chain.log line was never written" : "its chain.log line is half-written ("
                            + partial.length() + " of " + ChainFile.LINE_BYTES + " bytes)");
                    partial = null;
                } else {
                    findings.add(new AuditFinding(Kind.INSERTED, i, "event " + i + " is in the database but not in chain.log"));
                }
                prev = calc != null ? calc : EventChain.unhex(row.hash());
                continue;
            }
            byte[] lineHash = EventChain.unhex(line);
            if (calc == null) {
                if (!line.equals(row.hash())) {
                    findings.add(new AuditFinding(Kind.MODIFIED, i, "event " + i + " disagrees with chain.log"));
                }
                prev = lineHash;
            } else if (Arrays.equals(calc, lineHash)) {
                if (!line.equals(row.hash())) {
                    findings.add(new AuditFinding(Kind.MODIFIED, i, "the stored hash of event " + i + " was altered"));
                }
                prev = calc;
                lastLinked = true;
            } else if (EventChain.hex(calc).equals(row.hash())) {
                findings.add(new AuditFinding(Kind.CHAIN_FILE, i, "chain.log line " + i + " was altered"));
                prev = calc;
            } else {
                unmatched.add(i);
                prev = lineHash;
            }
        }
        classifyUnmatched(unmatched, rowBySeq, lineBySeq);
        if (partial != null) {
            findings.add(new AuditFinding(Kind.CHAIN_FILE, last + 1, "chain.log ends with a half-written line ("
                    + partial.length() + " bytes) that no database row accounts for"));
        }
        if (sealOk) {
            interrupted = checkHead(seal, last, prev, lastLinked, lineBySeq, interrupted);
        }
        findings.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        String headHex = prev == null ? "" : EventChain.hex(prev);
        AuditVerification.Status status;
        if (findings.isEmpty() && interrupted == null) {
            status = AuditVerification.Status.INTACT;
        } else if (findings.isEmpty()) {
            status = AuditVerification.Status.INTERRUPTED_APPEND;
        } else {
            status = AuditVerification.Status.TAMPERED;
        }
        if (interrupted != null) {
            findings.add(new AuditFinding(Kind.INTERRUPTED_APPEND, last, interrupted + "; the next append completes it"));
        }
        return new AuditVerification(status, rows.size(), headHex, findings);
    }

    private boolean checkSeal(HeadSeal.State seal) {
        if (seal == null) {
            findings.add(new AuditFinding(Kind.SEAL, 0, "head.seal is missing"));
            return false;
        }
        if (!seal.authentic()) {
            findings.add(new AuditFinding(Kind.SEAL, 0, "head.seal is not authentic (tampered with, or the audit key is wrong)"));
            return false;
        }
        return true;
    }

    private Map<Long, StoredRow> indexRows(List<StoredRow> rows) {
        TreeMap<Long, StoredRow> bySeq = new TreeMap<>();
        for (StoredRow row : rows) {
            if (row.seq() <= 0) {
                findings.add(new AuditFinding(Kind.INSERTED, 0, "the database holds an event with seq " + row.seq() + ", outside the chain"));
            } else {
                bySeq.put(row.seq(), row);
            }
        }
        return bySeq;
    }

    private Map<Long, String> indexLines(List<ChainFile.Line> lines) {
        Map<Long, String> bySeq = new HashMap<>();
        boolean misplacedReported = false;
        for (int n = 1; n <= lines.size(); n++) {
            ChainFile.Line line = lines.get(n - 1);
            if (line == null) {
                findings.add(new AuditFinding(Kind.CHAIN_FILE, n, "chain.log line " + n + " is malformed"));
                continue;
            }
            if (line.seq() != n && !misplacedReported) {
                findings.add(new AuditFinding(Kind.CHAIN_FILE, n, "chain.log line " + n + " holds event " + line.seq()
                        + ": lines were removed, inserted or moved"));
                misplacedReported = true;
            }
            if (line.seq() <= 0 || bySeq.putIfAbsent(line.seq(), line.hash()) != null) {
                findings.add(new AuditFinding(Kind.CHAIN_FILE, n, "chain.log line " + n + " repeats or misnumbers event " + line.seq()));
            }
        }
        return bySeq;
    }

    /**
     * Tells reordered events (content chained at another position) from modified ones. The search is
     * quadratic, so it runs only when few events are unmatched; beyond that (a wrong key, a rewritten
     * database) every unmatched event is reported as modified.
     */
    private void classifyUnmatched(List<Long> unmatched, Map<Long, StoredRow> rowBySeq, Map<Long, String> lineBySeq) {
        boolean searchReorders = unmatched.size() <= MAX_REORDER_SEARCH;
        for (long i : unmatched) {
            StoredRow row = rowBySeq.get(i);
            long chainedAt = 0;
            for (long j : searchReorders ? unmatched : List.<Long>of()) {
                byte[] prevJ = j == 1 ? EventChain.GENESIS : EventChain.unhex(lineBySeq.get(j - 1));
                if (j != i && prevJ != null && Arrays.equals(chain.link(prevJ, row.atSeq(j)), EventChain.unhex(lineBySeq.get(j)))) {
                    chainedAt = j;
                    break;
                }
            }
            if (chainedAt != 0) {
                findings.add(new AuditFinding(Kind.REORDERED, i, "the database holds at position " + i
                        + " the event that was chained at position " + chainedAt));
            } else {
                findings.add(new AuditFinding(Kind.MODIFIED, i, "event " + i + " does not match the hash it was chained with"));
            }
        }
    }

    /** Compares the authenticated seal with the end of the chain; returns the (possibly new) interrupted-append note. */
    private String checkHead(HeadSeal.State seal, long last, byte[] prev, boolean lastLinked, Map<Long, String> lineBySeq,
                             String interrupted) {
        if (seal.count() > last) {
            findings.add(new AuditFinding(Kind.TRUNCATED, last + 1, "head.seal vouches for " + seal.count()
                    + " events but the trail ends at event " + last + ": its tail was cut off"));
        } else if (seal.count() < last && interrupted == null) {
            String beforeLast = last == 1 ? EventChain.hex(EventChain.GENESIS) : lineBySeq.get(last - 1);
            if (seal.count() == last - 1 && lastLinked && seal.head().equals(beforeLast)) {
                return "event " + last + " is complete but head.seal was not yet updated";
            }
            boolean reported = findings.stream().anyMatch(f -> f.kind() == Kind.INSERTED && f.seq() > seal.count());
            if (!reported) {
                findings.add(new AuditFinding(Kind.INSERTED, seal.count() + 1, "events " + (seal.count() + 1) + " to " + last
                        + " lie beyond the sealed head (" + seal.count() + " events)"));
            }
        } else if (seal.count() == last && (prev == null || !seal.head().equals(EventChain.hex(prev)))) {
            findings.add(new AuditFinding(Kind.SEAL, last, "head.seal does not match the hash of event " + last));
        }
        return interrupted;
    }
}
