/**
 * Retention: which snapshots a {@link dev.cairn.engine.retention.RetentionPolicy} keeps and which it
 * forgets, decided by {@link dev.cairn.engine.retention.RetentionPlanner} the way restic's
 * {@code forget} does (the newest snapshot of each hour, day, week, month or year bucket, the last N,
 * everything within a window), per unit, with two safety rules: the last verified snapshot of a unit
 * is never forgotten, and a policy that would forget everything is refused.
 * Schema of the policy document: {@code schemas/retention-policy.schema.json}.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package dev.cairn.engine.retention;
