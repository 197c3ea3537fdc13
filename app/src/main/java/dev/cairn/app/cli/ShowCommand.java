package dev.cairn.app.cli;

import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestCodec;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn show}: prints one snapshot's manifest. */
@Command(name = "show", description = "Print a snapshot's manifest (--json: the whole document, schemas/backup-manifest.schema.json).")
final class ShowCommand extends CairnSubcommand {

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix, or 'latest'.")
    String snapshot;

    @Override
    int run(Session session) {
        Manifest m = new SnapshotCatalog(session.repository(false, false)).resolve(snapshot);
        if (global.json) {
            out().println(ManifestCodec.toPrettyJson(m));
            return ExitCodes.OK;
        }
        boolean rootOk = MerkleRoot.of(m.items()).equals(m.rootHash());
        out().printf("snapshot   %s%ncreated    %s%nstrategy   %s%s%nhost       %s%ninstall    %s%nroot hash  %s (%s)%n",
                m.backupId(), m.createdUtc(), m.strategy(), m.parent() == null ? "" : " (baseline " + shortId(m.parent()) + ")",
                m.hostname(), m.installRoot(), m.rootHash(), rootOk ? "matches the items" : "DOES NOT match the items");
        m.units().forEach(u -> out().printf("unit       %-8s %-9s %s %s%n", u.id(), u.outcome(), u.module(), u.version()));
        for (ManifestItem i : m.items()) {
            out().printf("  %-7s %04o %10s  %s%s%n", i.type(), Math.max(0, i.mode()), bytes(i.size()), i.path(),
                    i.target() == null ? "" : " -> " + i.target());
        }
        m.issues().forEach(i -> out().println("issue: " + i));
        return ExitCodes.OK;
    }
}
