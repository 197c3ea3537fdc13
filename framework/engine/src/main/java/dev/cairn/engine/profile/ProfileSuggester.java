package dev.cairn.engine.profile;

import dev.cairn.engine.registry.Plugin;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Proposes an install profile by asking every unit what it recognises under an install root
 * ({@link BackupUnit#suggest}): SQLite headers, config syntaxes, log names, large binaries. A path
 * claimed by an earlier unit in id order is not offered to later ones, and a later unit's wider path
 * (a directory holding an earlier claim) gets that claim as an exclude, so no file is backed up twice.
 */
public final class ProfileSuggester {

    private ProfileSuggester() {
    }

    /**
     * {@return a profile for {@code installRoot} with every unit that recognised something}
     *
     * @param issues receives units that failed while looking
     */
    public static InstallProfile suggest(String name, Path installRoot, PluginRegistry registry, Consumer<Issue> issues) {
        List<InstallProfile.UnitEntry> entries = new ArrayList<>();
        Set<String> claimed = new LinkedHashSet<>();
        // Specific units first, the generic "files" unit last, so it only gets what nobody else took.
        List<Map.Entry<String, Plugin<BackupUnit>>> order = new ArrayList<>(registry.units().entrySet());
        order.sort((a, b) -> Boolean.compare(a.getKey().equals("files"), b.getKey().equals("files")));
        for (Map.Entry<String, Plugin<BackupUnit>> e : order) {
            List<String> paths;
            try {
                paths = e.getValue().instance().suggest(installRoot);
            } catch (RuntimeException ex) {
                issues.accept(Issue.warning(e.getKey(), null, "suggest failed: " + ex));
                continue;
            }
            List<String> mine = new ArrayList<>();
            Set<String> excludes = new TreeSet<>();
            for (String p : paths.stream().distinct().sorted().toList()) {
                if (covered(p, claimed) || covered(p, mine)) {
                    continue;
                }
                // A wider path keeps what earlier units claimed below it out with excludes. An exclude
                // without '/' would match that name at any depth, so a top-level claim under "." cannot be
                // expressed: such a path is left out rather than back something up twice.
                List<String> inside = claimed.stream().filter(c -> below(c, p)).toList();
                if (inside.stream().anyMatch(c -> !c.contains("/"))) {
                    issues.accept(new Issue(Issue.Severity.INFO, e.getKey(), p, "not suggested: it holds paths other units back up"));
                    continue;
                }
                mine.add(p);
                excludes.addAll(inside);
            }
            if (!mine.isEmpty()) {
                claimed.addAll(mine);
                entries.add(new InstallProfile.UnitEntry(e.getKey(), true, mine, List.copyOf(excludes), Map.of()));
            }
        }
        return new InstallProfile(name, installRoot.toAbsolutePath().normalize(), null, "incremental", List.of(), entries);
    }

    private static boolean covered(String path, java.util.Collection<String> claimed) {
        for (String c : claimed) {
            if (path.equals(c) || below(path, c)) {
                return true;
            }
        }
        return false;
    }

    /** {@return whether {@code path} lies strictly below {@code dir} ({@code .} is the install root)} */
    private static boolean below(String path, String dir) {
        return dir.equals(".") ? !path.equals(".") : path.startsWith(dir + "/");
    }
}
