package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.restorer.RecoveryPlan;
import dev.cairn.engine.restorer.RecoveryPlanJson;
import dev.cairn.engine.restorer.RestoreRequest;
import dev.cairn.engine.restorer.RestoreResult;
import dev.cairn.engine.restorer.Restorer;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.CairnException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code cairn restore}: restores a snapshot into a directory or in place. */
@Command(name = "restore", description = "Restore a snapshot (or some units / paths of it) into a directory or in place, verifying every hash.")
final class RestoreCommand extends CairnSubcommand {

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix, or 'latest'.")
    String snapshot;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    /** Exactly one of --target and --in-place. */
    static final class Destination {
        @Option(names = {"-t", "--target"}, paramLabel = "DIR", description = "Restore into DIR (install-relative paths below it).")
        Path target;

        @Option(names = "--in-place", description = "Replace the live install (profile's install root): staged, verified, smoke-tested, swapped atomically; rolled back on any failure.")
        boolean inPlace;
    }

    @Option(names = "--units", paramLabel = "IDS", split = ",", description = "Only these units.")
    Set<String> units = Set.of();

    @Option(names = "--include", paramLabel = "GLOB", description = "Only paths matching GLOB (e.g. 'config/**'); repeatable.")
    List<String> includes = List.of();

    @Option(names = "--dry-run", description = "Only list what would change.")
    boolean dryRun;

    @Option(names = "--skip-damaged", description = "With --target: restore every file whose stored data is intact and "
            + "list the ones whose data is damaged or missing in the repository, instead of stopping at the first "
            + "(exit code 3 when any was left out).")
    boolean skipDamaged;

    @Override
    String onInterrupt() {
        return "stopping the restore; it changes nothing unless its swap into place has begun, which is finished first";
    }

    @Override
    int run(Session session) {
        boolean inPlace = destination.inPlace;
        if (inPlace && !session.profileNamed()) {
            throw new CairnException(CairnException.Kind.USAGE, "--in-place needs the install's profile (--profile or CAIRN_PROFILE)");
        }
        Repository repository = session.repository(session.profileNamed(), false);
        if (!dryRun) {
            repository.preloadIndex();   // read while the manifest is decrypted and parsed: the restore needs both
        }
        SnapshotCatalog catalog = new SnapshotCatalog(repository);
        Manifest manifest = catalog.resolve(snapshot);
        Path root = inPlace ? session.profile().installRoot() : destination.target.toAbsolutePath();
        Restorer restorer = new Restorer(session.repository(session.profileNamed(), false), session.registry(),
                session.unitConfigs(session.profileNamed()));
        RestoreRequest request = new RestoreRequest(manifest, root, inPlace, units, includes, dryRun, null, null,
                Interruption.process());
        RestoreResult result;
        try {
            result = restorer.restore(skipDamaged ? request.skippingDamaged() : request);
        } catch (CairnException e) {
            if (e.itemPath() != null && !inPlace && (e.kind() == CairnException.Kind.CORRUPT || e.kind() == CairnException.Kind.NOT_FOUND)) {
                throw new CairnException(e.kind(), e.getMessage() + "; nothing was restored. --skip-damaged restores every "
                        + "file whose data is intact, and verify --read-data lists all the damage", e);
            }
            throw e;
        }
        RecoveryPlan plan = result.plan();
        if (!dryRun) {
            session.record(AuditEventType.RESTORE, manifest.backupId(), Map.of("root", root.toString(), "in_place", inPlace,
                    "units", List.copyOf(units), "paths", includes, "files_written", result.filesWritten(),
                    "files_damaged", result.damaged().size()));
        }
        if (global.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plan", RecoveryPlanJson.toJson(plan, java.time.Instant.now()));
            m.put("files_written", result.filesWritten());
            m.put("bytes_written", result.bytesWritten());
            m.put("issues", result.issues().stream().map(Object::toString).toList());
            m.put("damaged", result.damaged());
            printJson(m);
            return result.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
        if (dryRun) {
            out().printf("dry run: restoring %s into %s would change %d of %d items:%n", shortId(manifest.backupId()), root,
                    plan.changes().size(), plan.items().size());
            plan.changes().forEach(e -> out().printf("  %-7s %-7s %s%n", e.action().name().toLowerCase(Locale.ROOT), e.type(), e.path()));
        } else {
            out().printf("restored snapshot %s into %s%s: %d files (%s) written and verified, %d items unchanged%n",
                    shortId(manifest.backupId()), root, inPlace ? " (in place)" : "", result.filesWritten(),
                    bytes(result.bytesWritten()), plan.items().size() - plan.changes().size());
        }
        result.issues().forEach(i -> out().println("  " + i));
        if (result.partial()) {
            out().printf("%d %s left out: %s stored data is damaged or missing (cairn verify --read-data names the damage)%n",
                    result.damaged().size(), result.damaged().size() == 1 ? "file was" : "files were",
                    result.damaged().size() == 1 ? "its" : "their");
            return ExitCodes.PARTIAL;
        }
        return ExitCodes.OK;
    }
}
