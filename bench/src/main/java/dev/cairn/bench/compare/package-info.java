/**
 * The side-by-side comparison of Cairn, restic and borg on the same generated install: first backup,
 * no-change backup, backup after one day of changes and full restore, each metered for wall time,
 * CPU time and peak RSS under the same cache state; repository sizes; the DB-growth figure; the
 * frame-budget probe; and the verdict on issue 6's targets. Entry point: {@link dev.cairn.bench.compare.CompareCommand}.
 */
package dev.cairn.bench.compare;
