package dev.cairn.app.cli;

import dev.cairn.engine.registry.Plugin;
import dev.cairn.engine.registry.PluginRegistry;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cairn units}: lists the providers found. */
@Command(name = "units", description = "List the backup units, strategies and exporters found, with their module, version and source.")
final class UnitsCommand extends CairnSubcommand {

    @Override
    int run(Session session) {
        PluginRegistry registry = session.registry();
        List<Map<String, Object>> rows = new ArrayList<>();
        registry.units().values().forEach(p -> rows.add(row("unit", p, p.instance().description())));
        registry.strategies().values().forEach(p -> rows.add(row("strategy", p, p.instance().description())));
        registry.exporters().values().forEach(p -> rows.add(row("exporter", p, String.join(",", p.instance().schemes()))));
        if (global.json) {
            printJson(Map.of("providers", rows, "issues", registry.issues().stream().map(Object::toString).toList()));
            return ExitCodes.OK;
        }
        out().printf("%-9s %-14s %-26s %-16s %-22s %s%n", "KIND", "ID", "MODULE", "VERSION", "SOURCE", "DESCRIPTION");
        for (Map<String, Object> r : rows) {
            out().printf("%-9s %-14s %-26s %-16s %-22s %s%n", r.get("kind"), r.get("id"), r.get("module"), r.get("version"),
                    r.get("source"), r.get("description"));
        }
        registry.issues().forEach(i -> out().println("problem: " + i));
        return ExitCodes.OK;
    }

    private static Map<String, Object> row(String kind, Plugin<?> p, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("id", p.id());
        m.put("module", p.module());
        m.put("version", p.version());
        m.put("source", p.source());
        m.put("description", description);
        return m;
    }
}
