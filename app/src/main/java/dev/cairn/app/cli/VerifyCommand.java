package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn verify}: checks the repository. */
@Command(name = "verify", description = "Check the repository's structure; with --read-data also decrypt and re-hash every blob.")
final class VerifyCommand extends CairnSubcommand {

    @Option(names = "--read-data", description = "Read, decrypt, decompress and re-hash every blob, and every file's SHA-256.")
    boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "N%", description = "Read a random N% of the blobs.")
    String subset;

    @Override
    int run(Session session) {
        int percent = readData ? 100 : 0;
        if (subset != null) {
            String s = subset.endsWith("%") ? subset.substring(0, subset.length() - 1) : subset;
            try {
                percent = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new CairnException(CairnException.Kind.USAGE, "--read-data-subset takes a percentage like 10%, not '" + subset + "'");
            }
            if (percent < 1 || percent > 100) {
                throw new CairnException(CairnException.Kind.USAGE, "--read-data-subset must be between 1% and 100%");
            }
        }
        var repository = session.repository(false, false);
        java.util.List<String> snapshots = repository.snapshotIds();
        VerifyReport report = repository.verify(new VerifyOptions(percent, ProgressListener.NOOP));
        session.record(AuditEventType.VERIFY, null, java.util.Map.of("ok", report.ok(), "read_data_percent", percent,
                "problems", report.problems().size(), "snapshots", report.ok() ? snapshots : java.util.List.of()));
        if (global.json) {
            printJson(report);
        } else {
            out().printf("checked %d snapshots, read %d blobs (%s)%n", report.snapshotsChecked(), report.blobsRead(), bytes(report.bytesRead()));
            for (VerifyReport.Problem p : report.problems()) {
                out().printf("  %s in %s: %s%n", p.kind(), p.where(), p.message());
                if (!p.snapshots().isEmpty()) {
                    out().printf("    affects snapshots: %s%n", String.join(", ", p.snapshots().stream().map(CairnSubcommand::shortId).sorted().toList()));
                }
                if (!p.files().isEmpty()) {
                    out().printf("    affects files: %s%n", String.join(", ", p.files().stream().sorted().toList()));
                }
            }
            out().println(report.ok() ? "no problems found" : report.problems().size() + " problems found");
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.CORRUPT;
    }
}
