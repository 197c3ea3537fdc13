package dev.cairn.engine.retention;

import dev.cairn.framework.CairnException;

/**
 * What to keep of one unit's snapshots (restic's {@code forget} options). A snapshot is kept when any
 * rule keeps it; the bucket rules keep the newest snapshot of each of the most recent N periods that
 * have a snapshot (periods on the UTC calendar; weeks are ISO weeks).
 *
 * @param last    the N newest snapshots
 * @param hourly  the newest snapshot of each of the last N hours that have one
 * @param daily   ... days
 * @param weekly  ... ISO weeks
 * @param monthly ... months
 * @param yearly  ... years
 * @param within  every snapshot created inside this window before "now", or {@code null}
 */
public record RetentionRules(int last, int hourly, int daily, int weekly, int monthly, int yearly, KeepWithin within) {

    /** Rules that keep nothing. */
    public static final RetentionRules NONE = new RetentionRules(0, 0, 0, 0, 0, 0, null);

    public RetentionRules {
        if (last < 0 || hourly < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
            throw new CairnException(CairnException.Kind.CONFIG, "retention counts must not be negative");
        }
        if (within != null && within.isZero()) {
            within = null;
        }
    }

    /** {@return whether these rules keep nothing at all} */
    public boolean isEmpty() {
        return last == 0 && hourly == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0 && within == null;
    }
}
