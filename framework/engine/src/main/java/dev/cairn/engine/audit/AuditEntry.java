package dev.cairn.engine.audit;

import java.util.Map;
import java.util.Objects;

/**
 * An event to append to the {@link AuditTrail}; the trail adds the sequence number, the time and the
 * chained hash.
 *
 * @param type       what happened
 * @param actor      who did it (the OS user)
 * @param host       on which machine
 * @param snapshotId the snapshot concerned, or {@code null}
 * @param summary    facts about the operation (counts, sizes, outcome); values are strings, numbers,
 *                   booleans, lists or maps, as Jackson writes them
 */
public record AuditEntry(AuditEventType type, String actor, String host, String snapshotId, Map<String, ?> summary) {

    public AuditEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(host, "host");
        summary = summary == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
    }

    /**
     * {@return an entry done by the current OS user on this machine}
     *
     * @param snapshotId the snapshot concerned, or {@code null}
     */
    public static AuditEntry of(AuditEventType type, String snapshotId, Map<String, ?> summary) {
        return new AuditEntry(type, LocalIdentity.user(), LocalIdentity.host(), snapshotId, summary);
    }
}
