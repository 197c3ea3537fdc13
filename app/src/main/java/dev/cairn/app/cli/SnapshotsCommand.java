package dev.cairn.app.cli;

import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.strategy.SnapshotSummary;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cairn snapshots}: lists snapshots, newest first. */
@Command(name = "snapshots", description = "List the repository's snapshots, newest first.")
final class SnapshotsCommand extends CairnSubcommand {

    @Override
    int run(Session session) {
        SnapshotCatalog catalog = new SnapshotCatalog(session.repository(false, false));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SnapshotSummary s : catalog.summaries()) {
            Manifest m = catalog.manifest(s.id());
            long size = m.items().stream().filter(i -> ManifestItem.FILE.equals(i.type())).mapToLong(ManifestItem::size).sum();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("created_utc", m.createdUtc());
            row.put("strategy", m.strategy());
            row.put("parent", m.parent());
            row.put("units", m.units().stream().map(u -> u.id() + ":" + u.outcome()).toList());
            row.put("items", m.items().size());
            row.put("size", size);
            row.put("root_hash", m.rootHash());
            row.put("host", m.hostname());
            rows.add(row);
        }
        if (global.json) {
            printJson(rows);
            return ExitCodes.OK;
        }
        out().printf("%-12s  %-24s  %-12s  %6s  %10s  %s%n", "ID", "CREATED (UTC)", "STRATEGY", "ITEMS", "SIZE", "UNITS");
        for (Map<String, Object> r : rows) {
            out().printf("%-12s  %-24s  %-12s  %6d  %10s  %s%n", shortId((String) r.get("id")), r.get("created_utc"),
                    r.get("strategy"), (Integer) r.get("items"), bytes((Long) r.get("size")), String.join(" ", castList(r.get("units"))));
        }
        out().printf("%d snapshots%n", rows.size());
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
