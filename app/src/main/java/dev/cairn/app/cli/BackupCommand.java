package dev.cairn.app.cli;

import dev.cairn.engine.archiver.Archiver;
import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.archiver.BackupListener;
import dev.cairn.engine.archiver.BackupRequest;
import dev.cairn.engine.archiver.BackupResult;
import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.UnitPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code cairn backup}: Cairn's main job. */
@Command(name = "backup", description = "Back up the install named by the profile (default: the bundled demo install) into the repository.")
final class BackupCommand extends CairnSubcommand {

    @Option(names = "--strategy", paramLabel = "ID", description = "full, incremental or differential (default: the profile's).")
    String strategy;

    @Option(names = "--units", paramLabel = "IDS", split = ",", description = "Only these units.")
    Set<String> units = Set.of();

    @Option(names = "--dry-run", description = "List what would be backed up; read and write nothing.")
    boolean dryRun;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Record a governance tag in the manifest.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Override
    String onInterrupt() {
        return "stopping the backup; nothing of this run is published";
    }

    @Override
    int run(Session session) {
        InstallProfile profile = session.profile();
        BackupListener progress = TerminalProgress.forTerminal(global, err());
        Map<String, String> governance = new LinkedHashMap<>();
        tags.forEach((k, v) -> governance.put("tag." + k, v));
        BackupRequest request = new BackupRequest(profile, strategy, units, dryRun, progress, Interruption.process(), governance);
        BackupResult result;
        try {
            Archiver archiver = new Archiver(dryRun ? null : session.repository(true, true), session.registry());
            result = archiver.run(request);
        } finally {
            if (progress instanceof TerminalProgress bar) {
                bar.finish();
            }
        }
        if (result.snapshotId() != null) {
            session.record(AuditEventType.BACKUP, result.snapshotId(), Map.of("strategy", result.manifest().strategy(),
                    "root_hash", result.manifest().rootHash(), "items", result.manifest().items().size(),
                    "bytes_read", result.bytesRead(), "partial", result.partial(), "profile", profile.name()));
        }
        if (global.json) {
            printJson(toJson(result, profile));
        } else {
            print(result, profile);
        }
        return result.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private void print(BackupResult r, InstallProfile profile) {
        if (r.snapshotId() == null) {
            out().printf("dry run of %s (%s):%n", profile.name(), profile.installRoot());
            r.plans().forEach((unit, plan) -> {
                out().printf("  %-8s %d items, %s%n", unit, plan.items().size(), bytes(plan.totalBytes()));
                for (UnitPlan.PlannedItem i : plan.items()) {
                    out().printf("    %-9s %10s  %s%n", i.type().name().toLowerCase(java.util.Locale.ROOT), bytes(i.size()), i.path());
                }
            });
        } else {
            out().printf("snapshot %s saved (%s, %s)%n", shortId(r.snapshotId()), r.manifest().strategy(), profile.name());
            r.manifest().units().forEach(u -> out().printf("  %-8s %-9s %d items%s%s%n", u.id(), u.outcome(),
                    r.manifest().itemsOf(u.id()).size(),
                    u.baseline() == null ? "" : ", baseline " + shortId(u.baseline()),
                    u.message() == null ? "" : " (" + u.message() + ")"));
            out().printf("  read %d files (%s), reused %d unchanged files (%s) in %.1f s%n", r.filesRead(), bytes(r.bytesRead()),
                    r.filesReused(), bytes(r.bytesReused()), r.elapsed().toMillis() / 1000.0);
            out().printf("  root hash %s%n", r.manifest().rootHash());
        }
        for (Issue i : r.issues()) {
            out().println("  " + i);
        }
    }

    private static Map<String, Object> toJson(BackupResult r, InstallProfile profile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshot_id", r.snapshotId());
        m.put("dry_run", r.snapshotId() == null);
        m.put("profile", profile.name());
        if (r.manifest() != null) {
            m.put("strategy", r.manifest().strategy());
            m.put("root_hash", r.manifest().rootHash());
            m.put("units", r.manifest().units());
            m.put("items", r.manifest().items().size());
        } else {
            Map<String, Object> plans = new LinkedHashMap<>();
            r.plans().forEach((u, p) -> plans.put(u, Map.of("items", p.items(), "bytes", p.totalBytes())));
            m.put("plans", plans);
        }
        m.put("files_read", r.filesRead());
        m.put("files_reused", r.filesReused());
        m.put("bytes_read", r.bytesRead());
        m.put("bytes_reused", r.bytesReused());
        m.put("seconds", r.elapsed().toMillis() / 1000.0);
        List<String> issues = r.issues().stream().map(Issue::toString).toList();
        m.put("issues", issues);
        m.put("partial", r.partial());
        return m;
    }
}
