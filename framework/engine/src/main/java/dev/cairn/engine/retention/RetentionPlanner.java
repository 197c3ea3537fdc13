package dev.cairn.engine.retention;

import dev.cairn.framework.CairnException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides which snapshots a {@link RetentionPolicy} keeps, per unit, like restic's {@code forget}.
 *
 * <p>For each unit, its snapshots (those that hold the unit) are taken newest first and its rules
 * applied: {@code last} keeps the N newest; each bucket rule walks the snapshots newest first and keeps
 * the first (newest) snapshot of each new period until it has kept N; {@code within} keeps everything
 * created at or after {@code now} minus the window. Snapshots without units are governed by the default
 * rules. A snapshot is kept when any rule of any of its units keeps it, and always when it is the last
 * verified snapshot of a unit.
 *
 * <p>Refusals, all {@link CairnException.Kind#CONFIG}: rules that keep nothing for a unit that has
 * snapshots; a plan that forgets every snapshot; a plan that forgets every snapshot of a unit.
 * Side-effect free: the caller forgets the snapshots of {@link RetentionPlan#forgotten()}.
 */
public final class RetentionPlanner {

    /** The group of snapshots that hold no unit. */
    static final String NO_UNIT = "(no unit)";

    private static final Comparator<SnapshotInfo> NEWEST_FIRST =
            Comparator.comparing(SnapshotInfo::created).reversed().thenComparing(SnapshotInfo::id);

    private RetentionPlanner() {
    }

    /**
     * {@return the decision for every snapshot, newest first}
     *
     * @param policy       the rules
     * @param snapshots    every snapshot in the repository
     * @param now          the reference time of keep_within
     * @param lastVerified ids of the last verified snapshot of each unit (kept whatever the policy says)
     * @throws CairnException CONFIG when the policy keeps nothing for a unit or would forget everything
     */
    public static RetentionPlan plan(RetentionPolicy policy, List<SnapshotInfo> snapshots, Instant now, Set<String> lastVerified) {
        if (policy.isEmpty()) {
            throw new CairnException(CairnException.Kind.CONFIG, "the retention policy keeps nothing; refusing to forget snapshots");
        }
        List<SnapshotInfo> sorted = new ArrayList<>(snapshots);
        sorted.sort(NEWEST_FIRST);
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (SnapshotInfo s : sorted) {
            if (reasons.put(s.id(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("snapshot " + s.id() + " is listed twice");
            }
        }

        Map<String, List<SnapshotInfo>> byUnit = new TreeMap<>();
        for (SnapshotInfo s : sorted) {
            if (s.units().isEmpty()) {
                byUnit.computeIfAbsent(NO_UNIT, u -> new ArrayList<>()).add(s);
            }
            for (String unit : s.units()) {
                byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<String, List<SnapshotInfo>> group : byUnit.entrySet()) {
            String unit = group.getKey();
            RetentionRules rules = unit.equals(NO_UNIT) ? policy.defaults() : policy.rulesFor(unit);
            if (rules.isEmpty()) {
                throw new CairnException(CairnException.Kind.CONFIG, "the retention policy keeps nothing for unit '" + unit
                        + "' (" + group.getValue().size() + " snapshots): give it rules under 'units' or set 'default'");
            }
            applyRules(unit, rules, group.getValue(), now, reasons);
        }
        for (SnapshotInfo s : sorted) {
            if (lastVerified.contains(s.id())) {
                reasons.get(s.id()).add("last verified snapshot of a unit");
            }
        }

        List<RetentionDecision> decisions = sorted.stream()
                .map(s -> new RetentionDecision(s, !reasons.get(s.id()).isEmpty(), reasons.get(s.id()))).toList();
        refuseTotalLoss(decisions, byUnit);
        return new RetentionPlan(decisions);
    }

    private static void applyRules(String unit, RetentionRules rules, List<SnapshotInfo> newestFirst, Instant now,
                                   Map<String, List<String>> reasons) {
        for (int i = 0; i < Math.min(rules.last(), newestFirst.size()); i++) {
            reasons.get(newestFirst.get(i).id()).add(unit + ": last " + (i + 1) + " of " + rules.last());
        }
        bucket(unit, "hourly", rules.hourly(), newestFirst, t -> String.format("%tF %<tH:00", t), reasons);
        bucket(unit, "daily", rules.daily(), newestFirst, t -> String.format("%tF", t), reasons);
        bucket(unit, "weekly", rules.weekly(), newestFirst,
                t -> String.format("%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), reasons);
        bucket(unit, "monthly", rules.monthly(), newestFirst, t -> String.format("%tY-%<tm", t), reasons);
        bucket(unit, "yearly", rules.yearly(), newestFirst, t -> String.format("%tY", t), reasons);
        if (rules.within() != null) {
            Instant cutoff = rules.within().cutoff(now);
            for (SnapshotInfo s : newestFirst) {
                if (!s.created().isBefore(cutoff)) {
                    reasons.get(s.id()).add(unit + ": within " + rules.within());
                }
            }
        }
    }

    /** Keeps the newest snapshot of each of the {@code count} most recent periods that have one. */
    private static void bucket(String unit, String rule, int count, List<SnapshotInfo> newestFirst,
                               Function<ZonedDateTime, String> period, Map<String, List<String>> reasons) {
        String previous = null;
        int kept = 0;
        for (SnapshotInfo s : newestFirst) {
            if (kept >= count) {
                return;
            }
            String key = period.apply(s.created().atZone(ZoneOffset.UTC));
            if (!key.equals(previous)) {
                reasons.get(s.id()).add(unit + ": " + rule + " " + key);
                kept++;
                previous = key;
            }
        }
    }

    private static void refuseTotalLoss(List<RetentionDecision> decisions, Map<String, List<SnapshotInfo>> byUnit) {
        if (!decisions.isEmpty() && decisions.stream().noneMatch(RetentionDecision::keep)) {
            throw new CairnException(CairnException.Kind.CONFIG, "the retention policy would forget all "
                    + decisions.size() + " snapshots; refusing");
        }
        Map<String, Boolean> keptById = new LinkedHashMap<>();
        decisions.forEach(d -> keptById.put(d.snapshot().id(), d.keep()));
        for (Map.Entry<String, List<SnapshotInfo>> group : byUnit.entrySet()) {
            if (group.getValue().stream().noneMatch(s -> keptById.get(s.id()))) {
                throw new CairnException(CairnException.Kind.CONFIG, "the retention policy would forget every snapshot of unit '"
                        + group.getKey() + "' (" + group.getValue().size() + "); refusing");
            }
        }
    }
}
