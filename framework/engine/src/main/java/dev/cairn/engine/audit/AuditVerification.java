package dev.cairn.engine.audit;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link AuditTrail#verify()}.
 *
 * @param status   the verdict
 * @param events   events in the database
 * @param head     the last hash the chain reached (64 hex)
 * @param findings what was found, in event order; empty exactly when {@code status} is {@link Status#INTACT}
 */
public record AuditVerification(Status status, long events, String head, List<AuditFinding> findings) {

    /** The verdict. */
    public enum Status {
        /** Every event is in place and chained, and the sealed head matches. */
        INTACT,
        /** Intact except that the last append was cut short by a crash (see {@link AuditFinding.Kind#INTERRUPTED_APPEND}). */
        INTERRUPTED_APPEND,
        /** Events were modified, deleted, inserted, reordered or cut off, or a file is damaged. */
        TAMPERED
    }

    public AuditVerification {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(head, "head");
        findings = List.copyOf(findings);
    }

    /** {@return whether the trail is intact} */
    public boolean intact() {
        return status == Status.INTACT;
    }

    /** {@return whether a finding of {@code kind} was reported} */
    public boolean has(AuditFinding.Kind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }
}
