package dev.cairn.arch;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the reviewable part of a module descriptor as stable text: one line per
 * {@code requires} (with its modifiers), {@code exports}, {@code opens}, {@code provides} and
 * {@code uses}, each group sorted. The module's version, the compiled versions of required
 * modules and the list of concealed packages are left out: they change with every release or
 * refactoring and say nothing about the module's contract.
 */
final class ModuleDescriptorText {

    private ModuleDescriptorText() {
    }

    /** {@return the descriptor as text, ending with a line break} */
    static String render(ModuleDescriptor d) {
        List<String> lines = new ArrayList<>();
        lines.add(modifiers(d.modifiers()) + "module " + d.name());
        d.requires().stream()
                .map(r -> "requires " + r.name() + suffix(r.modifiers()))
                .sorted().forEach(lines::add);
        d.exports().stream()
                .map(e -> "exports " + e.source() + targets(e.targets()) + suffix(e.modifiers()))
                .sorted().forEach(lines::add);
        d.opens().stream()
                .map(o -> "opens " + o.source() + targets(o.targets()) + suffix(o.modifiers()))
                .sorted().forEach(lines::add);
        d.provides().stream()
                .map(p -> "provides " + p.service() + " with " + String.join(", ", p.providers()))
                .sorted().forEach(lines::add);
        d.uses().stream().map(s -> "uses " + s).sorted().forEach(lines::add);
        return String.join("\n", lines) + "\n";
    }

    private static String modifiers(Collection<? extends Enum<?>> modifiers) {
        return modifiers.stream().map(m -> m.name().toLowerCase(Locale.ROOT) + " ").sorted().collect(Collectors.joining());
    }

    private static String suffix(Collection<? extends Enum<?>> modifiers) {
        String joined = modifiers(modifiers).strip();
        return joined.isEmpty() ? "" : " (" + joined.replace(' ', ',') + ")";
    }

    private static String targets(Collection<String> targets) {
        return targets.isEmpty() ? "" : " to " + targets.stream().sorted().collect(Collectors.joining(", "));
    }
}
