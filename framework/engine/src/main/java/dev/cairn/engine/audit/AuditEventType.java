package dev.cairn.engine.audit;

import dev.cairn.framework.CairnException;

import java.util.Locale;

/** What an audit event records. The {@link #wireName()} is what the database and the renderings hold. */
public enum AuditEventType {
    /** A repository or audit trail was created. */
    INIT,
    /** A snapshot was taken. */
    BACKUP,
    /** The repository (or a snapshot) was verified. */
    VERIFY,
    /** A snapshot was restored (into a directory or in place). */
    RESTORE,
    /** Snapshots were forgotten by a retention policy or by hand. */
    FORGET,
    /** Unreferenced data was removed. */
    PRUNE,
    /** A key slot was added, removed or its passphrase changed. */
    KEY_CHANGE,
    /** Snapshot data left the machine through an exporter. */
    EXPORT,
    /** A consent to export was given or withdrawn. */
    CONSENT,
    /** The trail completed an append that a crash had interrupted (see {@link AuditTrail#append}). */
    REPAIR;

    /** {@return the lower-case name stored in the database, e.g. {@code key_change}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the type whose {@link #wireName()} is {@code wire}}
     *
     * @throws CairnException CORRUPT when no type has that name
     */
    public static AuditEventType fromWireName(String wire) {
        for (AuditEventType t : values()) {
            if (t.wireName().equals(wire)) {
                return t;
            }
        }
        throw new CairnException(CairnException.Kind.CORRUPT, "unknown audit event type '" + wire + "'");
    }
}
