package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditEvent;
import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.repository.PruneReport;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.retention.KeepWithin;
import dev.cairn.engine.retention.RetentionDecision;
import dev.cairn.engine.retention.RetentionPlan;
import dev.cairn.engine.retention.RetentionPlanner;
import dev.cairn.engine.retention.RetentionPolicy;
import dev.cairn.engine.retention.RetentionPolicyParser;
import dev.cairn.engine.retention.RetentionRules;
import dev.cairn.engine.retention.SnapshotInfo;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.strategy.SnapshotSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cairn forget}: removes snapshots named on the command line or by a retention policy. The
 * newest snapshot of each unit among those the last successful {@code verify} checked is never
 * removed; a policy that would remove everything is refused.
 */
@Command(name = "forget", description = "Forget snapshots (by id, or by a retention policy); --prune then removes their data.")
final class ForgetCommand extends CairnSubcommand {

    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "Snapshots to forget (ids or prefixes).")
    List<String> snapshots = new ArrayList<>();

    @Option(names = "--keep-last", paramLabel = "N") int last;
    @Option(names = "--keep-hourly", paramLabel = "N") int hourly;
    @Option(names = "--keep-daily", paramLabel = "N") int daily;
    @Option(names = "--keep-weekly", paramLabel = "N") int weekly;
    @Option(names = "--keep-monthly", paramLabel = "N") int monthly;
    @Option(names = "--keep-yearly", paramLabel = "N") int yearly;
    @Option(names = "--keep-within", paramLabel = "DURATION", description = "e.g. 30d, 1y6m, 12h") String within;

    @Option(names = "--policy", paramLabel = "FILE", description = "Retention policy JSON (schemas/retention-policy.schema.json), with per-unit rules.")
    Path policyFile;

    @Option(names = "--dry-run", description = "Only show what would be forgotten.")
    boolean dryRun;

    @Option(names = "--prune", description = "Then remove the data no snapshot references any more.")
    boolean prune;

    @Override
    int run(Session session) throws IOException {
        Repository repo = session.repository(false, false);
        SnapshotCatalog catalog = new SnapshotCatalog(repo);
        List<SnapshotInfo> infos = catalog.summaries().stream()
                .map(s -> new SnapshotInfo(s.id(), s.created(), s.units(), s.strategy())).toList();
        Set<String> protectedIds = lastVerified(session, catalog);
        List<RetentionDecision> forget = new ArrayList<>();
        if (!snapshots.isEmpty()) {
            if (hasRules() || policyFile != null) {
                throw new CairnException(CairnException.Kind.USAGE, "name snapshots or give keep rules, not both");
            }
            for (String ref : snapshots) {
                Manifest m = catalog.resolve(ref);
                if (protectedIds.contains(m.backupId())) {
                    throw new CairnException(CairnException.Kind.CONFIG, "snapshot " + shortId(m.backupId())
                            + " is the last verified snapshot of one of its units; it is never forgotten");
                }
                SnapshotSummary s = SnapshotCatalog.summarize(m);
                forget.add(new RetentionDecision(new SnapshotInfo(s.id(), s.created(), s.units(), s.strategy()), false, List.of("named on the command line")));
            }
        } else {
            RetentionPolicy policy = policy();
            RetentionPlan plan = RetentionPlanner.plan(policy, infos, Instant.now(), protectedIds);
            forget.addAll(plan.decisions().stream().filter(d -> !d.keep()).toList());
            if (!global.json) {
                for (RetentionDecision d : plan.decisions()) {
                    out().printf("%s %s  %s  %s%n", d.keep() ? "keep  " : "forget", shortId(d.snapshot().id()), d.snapshot().created(),
                            String.join("; ", d.reasons()));
                }
            }
        }
        List<String> forgotten = new ArrayList<>();
        for (RetentionDecision d : forget) {
            if (!dryRun) {
                repo.forgetSnapshot(d.snapshot().id());
            }
            forgotten.add(d.snapshot().id());
        }
        if (!dryRun && !forgotten.isEmpty()) {
            session.record(AuditEventType.FORGET, null, Map.of("snapshots", forgotten));
        }
        PruneReport pruned = null;
        if (prune) {
            pruned = repo.prune(dryRun);
            if (!dryRun) {
                session.record(AuditEventType.PRUNE, null, Map.of("blobs_removed", pruned.blobsRemoved(), "bytes_freed", pruned.bytesFreed()));
            }
        }
        if (global.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dry_run", dryRun);
            m.put("forgotten", forgotten);
            m.put("prune", pruned);
            printJson(m);
        } else {
            out().printf("%s %d snapshots%s%n", dryRun ? "would forget" : "forgot", forgotten.size(),
                    forgotten.isEmpty() ? "" : ": " + String.join(", ", forgotten.stream().map(CairnSubcommand::shortId).toList()));
            if (pruned != null) {
                out().printf("%s %s%n", dryRun ? "prune would free" : "prune freed", bytes(pruned.bytesFreed()));
            }
        }
        return ExitCodes.OK;
    }

    private boolean hasRules() {
        return last + hourly + daily + weekly + monthly + yearly > 0 || within != null;
    }

    private RetentionPolicy policy() throws IOException {
        if (policyFile != null) {
            if (hasRules()) {
                throw new CairnException(CairnException.Kind.USAGE, "give --policy or --keep-* rules, not both");
            }
            if (!Files.exists(policyFile)) {
                throw new CairnException(CairnException.Kind.NOT_FOUND, "retention policy " + policyFile + " does not exist");
            }
            return RetentionPolicyParser.parse(Files.readAllBytes(policyFile), policyFile.toString());
        }
        if (!hasRules()) {
            throw new CairnException(CairnException.Kind.USAGE, "name snapshots to forget, or give --keep-* rules or --policy");
        }
        return RetentionPolicy.uniform(new RetentionRules(last, hourly, daily, weekly, monthly, yearly,
                within == null ? null : KeepWithin.parse(within)));
    }

    /** {@return per unit, the newest snapshot among those the last successful verify checked} */
    private static Set<String> lastVerified(Session session, SnapshotCatalog catalog) {
        List<AuditEvent> events = session.audit().events();
        Set<String> checked = new HashSet<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            AuditEvent e = events.get(i);
            if (e.type() == AuditEventType.VERIFY && e.summary().path("ok").asBoolean(false)) {
                e.summary().path("snapshots").forEach(n -> checked.add(n.asText()));
                break;
            }
        }
        Map<String, String> newestPerUnit = new LinkedHashMap<>();
        for (SnapshotSummary s : catalog.summaries()) { // newest first
            if (checked.contains(s.id())) {
                s.units().forEach(u -> newestPerUnit.putIfAbsent(u, s.id()));
            }
        }
        return new HashSet<>(newestPerUnit.values());
    }
}
