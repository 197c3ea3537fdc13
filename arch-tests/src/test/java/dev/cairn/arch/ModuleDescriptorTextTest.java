package dev.cairn.arch;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The golden rendering is complete, sorted and independent of declaration order; the diff marks changes. */
class ModuleDescriptorTextTest {

    @Test
    void rendersEveryDirectiveSortedWithModifiersAndTargets() {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule("com.example.sample")
                .version("1.2.3")
                .requires(Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE), "org.example.optional")
                .requires("java.sql")
                .exports("com.example.sample.api")
                .exports(Set.of(), "com.example.sample.spi", Set.of("org.b", "org.a"))
                .opens(Set.of(), "com.example.sample.model", Set.of("com.fasterxml.jackson.databind"))
                .provides("dev.cairn.framework.unit.BackupUnit", List.of("com.example.sample.internal.B", "com.example.sample.internal.A"))
                .uses("java.sql.Driver")
                .packages(Set.of("com.example.sample.internal"))
                .build();

        assertEquals("""
                module com.example.sample
                requires java.base (mandated)
                requires java.sql
                requires org.example.optional (static,transitive)
                exports com.example.sample.api
                exports com.example.sample.spi to org.a, org.b
                opens com.example.sample.model to com.fasterxml.jackson.databind
                provides dev.cairn.framework.unit.BackupUnit with com.example.sample.internal.B, com.example.sample.internal.A
                uses java.sql.Driver
                """, ModuleDescriptorText.render(descriptor));
    }

    @Test
    void anOpenModuleSaysSo() {
        ModuleDescriptor descriptor = ModuleDescriptor.newOpenModule("com.example.open").build();

        assertEquals("open module com.example.open\nrequires java.base (mandated)\n", ModuleDescriptorText.render(descriptor));
    }

    @Test
    void diffMarksRemovedAndAddedLinesAndKeepsCommonOnes() {
        List<String> golden = List.of("module m", "requires a", "requires b", "uses s");
        List<String> built = List.of("module m", "requires b", "requires java.net.http", "uses s");

        assertEquals(List.of("  module m", "- requires a", "  requires b", "+ requires java.net.http", "  uses s"),
                TextDiff.lines(golden, built));
    }
}
