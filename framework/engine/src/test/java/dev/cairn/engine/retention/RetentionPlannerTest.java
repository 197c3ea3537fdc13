package dev.cairn.engine.retention;

import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPlannerTest {

    /** A fixed "now": Wednesday 2026-11-25 12:00 UTC. */
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static SnapshotInfo snap(String id, String created, String... units) {
        return new SnapshotInfo(id, Instant.parse(created), Set.of(units.length == 0 ? new String[] {"db"} : units), "incremental");
    }

    private static RetentionRules rules(int last, int hourly, int daily, int weekly, int monthly, int yearly, String within) {
        return new RetentionRules(last, hourly, daily, weekly, monthly, yearly, within == null ? null : KeepWithin.parse(within));
    }

    private static List<String> keptIds(RetentionPlan plan) {
        return plan.kept().stream().map(SnapshotInfo::id).toList();
    }

    @Test
    void keepLastKeepsTheNewestAndForgetsTheRest() {
        List<SnapshotInfo> snaps = List.of(snap("a", "2026-11-20T10:00:00Z"), snap("b", "2026-11-21T10:00:00Z"),
                snap("c", "2026-11-22T10:00:00Z"), snap("d", "2026-11-23T10:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(2, 0, 0, 0, 0, 0, null)), snaps, NOW, Set.of());
        assertEquals(List.of("d", "c"), keptIds(plan));
        assertEquals(List.of("b", "a"), plan.forgotten().stream().map(SnapshotInfo::id).toList());
        assertEquals(List.of("db: last 1 of 2"), plan.decisionFor("d").reasons());
        assertEquals(List.of(), plan.decisionFor("a").reasons());
    }

    @Test
    void hourlyKeepsTheNewestOfEachHour() {
        List<SnapshotInfo> snaps = List.of(snap("h10a", "2026-11-25T10:05:00Z"), snap("h10b", "2026-11-25T10:40:00Z"),
                snap("h11", "2026-11-25T11:10:00Z"), snap("h12a", "2026-11-25T11:59:59Z"), snap("h09", "2026-11-25T09:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 2, 0, 0, 0, 0, null)), snaps, NOW, Set.of());
        assertEquals(List.of("h12a", "h10b"), keptIds(plan));
        assertEquals(List.of("db: hourly 2026-11-25 10:00"), plan.decisionFor("h10b").reasons());
    }

    @Test
    void dailyKeepsTheNewestOfEachDaySkippingDaysWithoutSnapshots() {
        List<SnapshotInfo> snaps = List.of(snap("d25a", "2026-11-25T01:00:00Z"), snap("d25b", "2026-11-25T11:00:00Z"),
                snap("d24", "2026-11-24T23:59:59Z"), snap("d20", "2026-11-20T08:00:00Z"), snap("d19", "2026-11-19T08:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 0, 3, 0, 0, 0, null)), snaps, NOW, Set.of());
        assertEquals(List.of("d25b", "d24", "d20"), keptIds(plan));
        assertEquals(List.of("db: daily 2026-11-20"), plan.decisionFor("d20").reasons());
    }

    @Test
    void weeklyUsesIsoWeeks() {
        // 2026-11-22 is a Sunday (ISO week 47), 2026-11-23 a Monday (week 48).
        List<SnapshotInfo> snaps = List.of(snap("mon", "2026-11-23T08:00:00Z"), snap("sun", "2026-11-22T08:00:00Z"),
                snap("sat", "2026-11-21T08:00:00Z"), snap("prev", "2026-11-12T08:00:00Z"), snap("old", "2026-11-05T08:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 0, 0, 3, 0, 0, null)), snaps, NOW, Set.of());
        assertEquals(List.of("mon", "sun", "prev"), keptIds(plan));
        assertEquals(List.of("db: weekly 2026-W47"), plan.decisionFor("sun").reasons());
    }

    @Test
    void monthlyAndYearlyKeepTheNewestOfEachPeriod() {
        List<SnapshotInfo> snaps = List.of(snap("nov", "2026-11-02T00:00:00Z"), snap("oct2", "2026-10-30T00:00:00Z"),
                snap("oct1", "2026-10-01T00:00:00Z"), snap("dec25", "2025-12-31T23:00:00Z"), snap("jan25", "2025-01-01T00:00:00Z"),
                snap("y2024", "2024-06-01T00:00:00Z"));
        RetentionPlan monthly = RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 0, 0, 0, 3, 0, null)), snaps, NOW, Set.of());
        assertEquals(List.of("nov", "oct2", "dec25"), keptIds(monthly));
        RetentionPlan yearly = RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 0, 0, 0, 0, 2, null)), snaps, NOW, Set.of());
        assertEquals(List.of("nov", "dec25"), keptIds(yearly));
        assertEquals(List.of("db: yearly 2025"), yearly.decisionFor("dec25").reasons());
    }

    @Test
    void rulesCombineAndEachReasonIsListed() {
        List<SnapshotInfo> snaps = List.of(snap("a", "2026-11-25T11:00:00Z"), snap("b", "2026-11-24T11:00:00Z"),
                snap("c", "2026-10-24T11:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(1, 0, 2, 0, 2, 0, null)), snaps, NOW, Set.of());
        assertEquals(List.of("db: last 1 of 1", "db: daily 2026-11-25", "db: monthly 2026-11"), plan.decisionFor("a").reasons());
        assertEquals(List.of("db: daily 2026-11-24"), plan.decisionFor("b").reasons());
        assertEquals(List.of("db: monthly 2026-10"), plan.decisionFor("c").reasons());
    }

    @Test
    void keepWithinKeepsEverythingInsideTheWindowInclusive() {
        List<SnapshotInfo> snaps = List.of(snap("edge", "2026-11-23T12:00:00Z"), snap("inside", "2026-11-24T00:00:00Z"),
                snap("outside", "2026-11-23T11:59:59Z"), snap("new", "2026-11-25T11:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 0, 0, 0, 0, 0, "2d")), snaps, NOW, Set.of());
        assertEquals(List.of("new", "inside", "edge"), keptIds(plan));
        assertEquals(List.of("db: within 2d"), plan.decisionFor("edge").reasons());
        assertEquals(Instant.parse("2025-09-24T11:00:00Z"), KeepWithin.parse("1y2m1d1h").cutoff(NOW));
    }

    @Test
    void perUnitRulesReplaceTheDefaults() {
        List<SnapshotInfo> snaps = List.of(
                snap("both3", "2026-11-25T10:00:00Z", "db", "config"),
                snap("db2", "2026-11-24T10:00:00Z", "db"),
                snap("cfg2", "2026-11-24T09:00:00Z", "config"),
                snap("db1", "2026-11-23T10:00:00Z", "db"),
                snap("cfg1", "2026-11-22T10:00:00Z", "config"));
        RetentionPolicy policy = new RetentionPolicy(rules(1, 0, 0, 0, 0, 0, null),
                Map.of("db", rules(0, 0, 3, 0, 0, 0, null)));
        RetentionPlan plan = RetentionPlanner.plan(policy, snaps, NOW, Set.of());
        assertEquals(List.of("both3", "db2", "db1"), keptIds(plan));
        assertEquals(List.of("config: last 1 of 1", "db: daily 2026-11-25"), plan.decisionFor("both3").reasons());
        assertFalse(plan.decisionFor("cfg2").keep());
    }

    @Test
    void lastVerifiedSnapshotIsNeverForgotten() {
        List<SnapshotInfo> snaps = List.of(snap("new", "2026-11-25T10:00:00Z"), snap("verified", "2026-11-01T10:00:00Z"),
                snap("older", "2026-10-01T10:00:00Z"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(1, 0, 0, 0, 0, 0, null)), snaps, NOW,
                Set.of("verified"));
        assertEquals(List.of("new", "verified"), keptIds(plan));
        assertEquals(List.of("last verified snapshot of a unit"), plan.decisionFor("verified").reasons());
    }

    @Test
    void policyThatWouldForgetEverythingIsRefused() {
        List<SnapshotInfo> snaps = List.of(snap("a", "2026-01-01T00:00:00Z"), snap("b", "2026-02-01T00:00:00Z"));
        CairnException e = assertThrows(CairnException.class, () ->
                RetentionPlanner.plan(RetentionPolicy.uniform(rules(0, 0, 0, 0, 0, 0, "1d")), snaps, NOW, Set.of()));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertEquals("the retention policy would forget all 2 snapshots; refusing", e.getMessage());
    }

    @Test
    void policyThatWouldForgetEverySnapshotOfOneUnitIsRefused() {
        List<SnapshotInfo> snaps = List.of(snap("cfg", "2026-11-25T10:00:00Z", "config"), snap("db", "2026-01-01T00:00:00Z", "db"));
        RetentionPolicy policy = new RetentionPolicy(rules(1, 0, 0, 0, 0, 0, null), Map.of("db", rules(0, 0, 0, 0, 0, 0, "1d")));
        CairnException e = assertThrows(CairnException.class, () -> RetentionPlanner.plan(policy, snaps, NOW, Set.of()));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("every snapshot of unit 'db'"), e.getMessage());
    }

    @Test
    void emptyPolicyAndUnitWithoutRulesAreRefused() {
        List<SnapshotInfo> snaps = List.of(snap("a", "2026-11-25T10:00:00Z", "db"), snap("b", "2026-11-25T10:00:00Z", "logs"));
        CairnException empty = assertThrows(CairnException.class,
                () -> RetentionPlanner.plan(RetentionPolicy.uniform(RetentionRules.NONE), snaps, NOW, Set.of()));
        assertEquals(CairnException.Kind.CONFIG, empty.kind());
        RetentionPolicy dbOnly = new RetentionPolicy(RetentionRules.NONE, Map.of("db", rules(1, 0, 0, 0, 0, 0, null)));
        CairnException noRules = assertThrows(CairnException.class, () -> RetentionPlanner.plan(dbOnly, snaps, NOW, Set.of()));
        assertEquals(CairnException.Kind.CONFIG, noRules.kind());
        assertTrue(noRules.getMessage().contains("keeps nothing for unit 'logs'"), noRules.getMessage());
    }

    @Test
    void planOfNoSnapshotsIsEmpty() {
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(1, 0, 0, 0, 0, 0, null)), new ArrayList<>(), NOW, Set.of());
        assertTrue(plan.decisions().isEmpty());
    }

    @Test
    void renderingsShowEveryDecisionAndReason() {
        List<SnapshotInfo> snaps = List.of(snap("aaaaaaaaaaaaaaaa", "2026-11-25T10:00:00Z", "db", "config"),
                snap("bbbbbbbbbbbbbbbb", "2026-11-24T10:00:00Z", "db"));
        RetentionPlan plan = RetentionPlanner.plan(RetentionPolicy.uniform(rules(1, 0, 0, 0, 0, 0, null)), snaps, NOW, Set.of());
        String text = RetentionRendering.text(plan);
        assertTrue(text.contains("keep    aaaaaaaaaaaa  2026-11-25T10:00:00Z  config,db"), text);
        assertTrue(text.contains("forget  bbbbbbbbbbbb"), text);
        assertTrue(text.endsWith("1 snapshots kept, 1 to forget" + System.lineSeparator()), text);
        var json = RetentionRendering.jsonNode(plan);
        assertEquals(1, json.get("forget").asInt());
        assertEquals("forget", json.get("snapshots").get(1).get("decision").asText());
        assertEquals("config: last 1 of 1", json.get("snapshots").get(0).get("reasons").get(0).asText());
        assertEquals("db", json.get("snapshots").get(1).get("units").get(0).asText());
    }
}
