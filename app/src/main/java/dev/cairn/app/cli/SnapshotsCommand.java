package dev.cairn.app.cli;

import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.snapshot.SnapshotFacts;
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
            SnapshotFacts f = catalog.facts(s.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("created_utc", f.createdUtc());
            row.put("strategy", f.strategy());
            row.put("parent", f.parent());
            row.put("units", f.units().stream().map(u -> u.id() + ":" + u.outcome()).toList());
            row.put("items", f.items());
            row.put("size", f.fileBytes());
            row.put("root_hash", f.rootHash());
            row.put("host", f.hostname());
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
