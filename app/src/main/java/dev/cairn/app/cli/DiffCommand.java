package dev.cairn.app.cli;

import dev.cairn.engine.catalog.SnapshotCatalog;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** {@code cairn diff A B}: what changed between two snapshots. */
@Command(name = "diff", description = "Show the items added (+), removed (-) and changed (M) between two snapshots.")
final class DiffCommand extends CairnSubcommand {

    @Parameters(index = "0", paramLabel = "FROM", description = "Snapshot id, prefix or 'latest'.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Snapshot id, prefix or 'latest'.")
    String to;

    @Override
    int run(Session session) {
        SnapshotCatalog catalog = new SnapshotCatalog(session.repository(false, false));
        Manifest a = catalog.resolve(from);
        Manifest b = catalog.resolve(to);
        Map<String, ManifestItem> left = index(a);
        Map<String, ManifestItem> right = index(b);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (String path : new TreeSet<>(union(left, right))) {
            ManifestItem x = left.get(path);
            ManifestItem y = right.get(path);
            String kind = x == null ? "+" : y == null ? "-" : same(x, y) ? null : "M";
            if (kind != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("change", kind);
                c.put("path", path);
                c.put("unit", (y != null ? y : x).unit());
                c.put("size_before", x == null ? null : x.size());
                c.put("size_after", y == null ? null : y.size());
                changes.add(c);
            }
        }
        if (global.json) {
            printJson(Map.of("from", a.backupId(), "to", b.backupId(), "changes", changes));
        } else {
            changes.forEach(c -> out().printf("%s  %s%n", c.get("change"), c.get("path")));
            out().printf("%d changes between %s and %s%n", changes.size(), shortId(a.backupId()), shortId(b.backupId()));
        }
        return ExitCodes.OK;
    }

    private static boolean same(ManifestItem x, ManifestItem y) {
        return x.type().equals(y.type()) && x.size() == y.size() && Objects.equals(x.sha256(), y.sha256())
                && x.mode() == y.mode() && Objects.equals(x.target(), y.target());
    }

    private static Map<String, ManifestItem> index(Manifest m) {
        Map<String, ManifestItem> out = new LinkedHashMap<>();
        m.items().forEach(i -> out.put(i.path(), i));
        return out;
    }

    private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }
}
