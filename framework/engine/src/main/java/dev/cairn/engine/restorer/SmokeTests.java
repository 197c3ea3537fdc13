package dev.cairn.engine.restorer;

import dev.cairn.engine.registry.Plugin;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The units' smoke tests of one restore. Each unit's test runs as soon as the last of its files is
 * staged, so a database check overlaps with staging the other units' files instead of following it;
 * the outcomes are reported afterwards in the order the units first appear in the changes, so what a
 * restore says does not depend on which files happened to finish first. Not thread-safe: the restore's
 * coordinating thread calls it.
 */
final class SmokeTests {

    private final PluginRegistry registry;
    private final Map<String, ConfigView> unitConfig;
    private final Path stage;
    /** Each unit's changed paths, in the order of the changes. */
    private final Map<String, List<String>> pathsByUnit = new LinkedHashMap<>();
    /** Files of each unit not staged yet. */
    private final Map<String, Integer> filesLeft = new HashMap<>();
    /** Outcome of each unit whose test has run ({@code null} result: the unit is not installed). */
    private final Map<String, SmokeTestResult> results = new HashMap<>();
    /** Files of each unit left out of the restore (their stored data is damaged): its test does not run. */
    private final Map<String, Integer> leftOut = new HashMap<>();

    SmokeTests(PluginRegistry registry, Map<String, ConfigView> unitConfig, Path stage, List<ManifestItem> changes) {
        this.registry = registry;
        this.unitConfig = unitConfig;
        this.stage = stage;
        for (ManifestItem i : changes) {
            pathsByUnit.computeIfAbsent(i.unit(), k -> new ArrayList<>()).add(i.path());
            if (ManifestItem.FILE.equals(i.type())) {
                filesLeft.merge(i.unit(), 1, Integer::sum);
            }
        }
    }

    /** Notes that {@code item} is staged; runs its unit's test when it was the unit's last file. */
    void staged(ManifestItem item) {
        if (filesLeft.merge(item.unit(), -1, Integer::sum) == 0 && !leftOut.containsKey(item.unit())) {
            run(item.unit());
        }
    }

    /**
     * Notes that {@code item} is left out of the restore: its unit's test will not run, since it would judge
     * an incomplete set of files (a database unit would reject a missing database and so stop the rest).
     */
    void leftOut(ManifestItem item) {
        filesLeft.merge(item.unit(), -1, Integer::sum);
        leftOut.merge(item.unit(), 1, Integer::sum);
    }

    /**
     * Runs the tests not run yet (units whose changes hold no file), then reports every outcome: a unit
     * that is not installed, or whose test did not run because files were left out, as a warning in {@code issues}.
     *
     * @throws CairnException SMOKE_TEST naming the first unit, in change order, that rejected its files
     */
    void finish(List<Issue> issues) {
        for (String unit : pathsByUnit.keySet()) {
            if (!results.containsKey(unit) && !leftOut.containsKey(unit)) {
                run(unit);
            }
        }
        for (String unit : pathsByUnit.keySet()) {
            SmokeTestResult result = results.get(unit);
            if (leftOut.containsKey(unit)) {
                int n = leftOut.get(unit);
                issues.add(Issue.warning(unit, null, "smoke test did not run: " + n + (n == 1 ? " file was" : " files were")
                        + " left out (damaged in the repository)"));
            } else if (result == null) {
                issues.add(Issue.warning(unit, null, "unit is not installed here: its smoke test did not run"));
            } else if (result instanceof SmokeTestResult.Failed f) {
                throw new CairnException(CairnException.Kind.SMOKE_TEST, "unit " + unit + " rejected the restored files: "
                        + f.reason() + "; nothing was changed");
            }
        }
    }

    private void run(String unitId) {
        Plugin<BackupUnit> unit = registry == null ? null : registry.units().get(unitId);
        if (unit == null) {
            results.put(unitId, null);
            return;
        }
        SmokeTestResult result;
        try {
            result = unit.instance().smokeTest(new RestoreContext(unitId, stage, pathsByUnit.get(unitId),
                    unitConfig.getOrDefault(unitId, ConfigView.empty())));
        } catch (RuntimeException | LinkageError ex) {
            result = SmokeTestResult.failed("smoke test threw " + ex);
        }
        results.put(unitId, result);
    }
}
