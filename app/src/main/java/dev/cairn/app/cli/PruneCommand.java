package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.repository.PruneReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn prune}: removes data no snapshot references. */
@Command(name = "prune", description = "Remove data that no snapshot references (waits for no backup: fails with exit 11 while one runs).")
final class PruneCommand extends CairnSubcommand {

    @Option(names = "--dry-run", description = "Only report what would be freed.")
    boolean dryRun;

    @Override
    int run(Session session) {
        PruneReport report = session.repository(false, false).prune(dryRun);
        if (!dryRun) {
            session.record(AuditEventType.PRUNE, null, java.util.Map.of("blobs_removed", report.blobsRemoved(),
                    "packs_deleted", report.packsDeleted(), "bytes_freed", report.bytesFreed()));
        }
        if (global.json) {
            printJson(report);
        } else {
            out().printf("%s%d unused blobs, %d packs deleted, %d packs rewritten, %s freed%n", dryRun ? "would remove " : "removed ",
                    report.blobsRemoved(), report.packsDeleted(), report.packsRewritten(), bytes(report.bytesFreed()));
        }
        return ExitCodes.OK;
    }
}
