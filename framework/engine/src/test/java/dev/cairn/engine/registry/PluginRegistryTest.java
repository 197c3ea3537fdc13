package dev.cairn.engine.registry;

import dev.cairn.engine.testing.TestStrategy;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginRegistryTest {

    /** A unit with a given id that does nothing. */
    static class NamedUnit implements BackupUnit {
        private final String id;

        NamedUnit(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public UnitPlan plan(UnitContext ctx) {
            return new UnitPlan(List.of(), List.of());
        }

        @Override
        public UnitOutcome backup(BackupContext ctx) {
            return UnitOutcome.skipped("nothing");
        }
    }

    /** A second class, so a duplicate id comes from a provider that can be told apart. */
    static final class OtherUnit extends NamedUnit {
        OtherUnit(String id) {
            super(id);
        }
    }

    /** A unit whose id() throws. */
    static final class BrokenIdUnit extends NamedUnit {
        BrokenIdUnit() {
            super("unused");
        }

        @Override
        public String id() {
            throw new IllegalStateException("no id today");
        }
    }

    private static boolean anyIssue(PluginRegistry r, String... fragments) {
        return r.issues().stream().map(Issue::message).anyMatch(m -> List.of(fragments).stream().allMatch(m::contains));
    }

    @Test
    void blankIdIsRefusedWithAnIssueAndTheOthersLoad() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit(""), new NamedUnit("   "), new NamedUnit("config")));
        assertEquals(Set.of("config"), r.units().keySet());
        assertEquals(2, r.issues().size(), r.issues().toString());
        assertTrue(r.issues().stream().allMatch(i -> i.severity() == Issue.Severity.ERROR
                && i.message().contains("invalid id") && i.message().contains(NamedUnit.class.getName())), r.issues().toString());
    }

    @Test
    void nullIdIsRefusedWithAnIssue() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit(null), new NamedUnit("config")));
        assertEquals(Set.of("config"), r.units().keySet());
        assertEquals(1, r.issues().size(), r.issues().toString());
        assertTrue(r.issues().get(0).message().contains(NamedUnit.class.getName() + ".id() returned null"), r.issues().toString());
    }

    @Test
    void idWithWhiteSpaceIsRefused() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit("my unit"), new NamedUnit(" lead"),
                new NamedUnit("tab\tid"), new NamedUnit("logs")));
        assertEquals(Set.of("logs"), r.units().keySet());
        assertTrue(anyIssue(r, "'my unit'", "non-blank without white space"), r.issues().toString());
        assertTrue(anyIssue(r, "' lead'"), r.issues().toString());
        assertTrue(anyIssue(r, "'tab\tid'"), r.issues().toString());
    }

    @Test
    void duplicateIdsAreBothRefusedAndTheIssueNamesBothProviders() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit("dup"), new OtherUnit("dup"), new NamedUnit("db")));
        assertEquals(Set.of("db"), r.units().keySet());
        assertEquals(1, r.issues().size(), r.issues().toString());
        String message = r.issues().get(0).message();
        assertTrue(message.contains("'dup'") && message.contains("2 times") && message.contains("all of them skipped"), message);
        assertTrue(message.contains(NamedUnit.class.getName()) && message.contains(OtherUnit.class.getName()),
                "the issue must say which providers clash: " + message);
    }

    @Test
    void sameIdForAUnitAndAStrategyIsNoClash() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit("full"), TestStrategy.full()));
        assertEquals(Set.of("full"), r.units().keySet());
        assertEquals(Set.of("full"), r.strategies().keySet());
        assertEquals(List.of(), r.issues());
    }

    @Test
    void reservedPrefixIsRefusedOutsideDevCairnModules() {
        // Test classes live in the unnamed module, which is not a dev.cairn.* module: the prefix is refused.
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit("cairn-db"), new NamedUnit("cairnish")));
        assertEquals(Set.of("cairnish"), r.units().keySet());
        assertEquals(1, r.issues().size(), r.issues().toString());
        String message = r.issues().get(0).message();
        assertTrue(message.contains("'cairn-db'") && message.contains("unnamed") && message.contains("reserved prefix 'cairn-'"), message);
    }

    @Test
    void providerWhoseIdThrowsBecomesAnIssue() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new BrokenIdUnit(), new NamedUnit("files")));
        assertEquals(Set.of("files"), r.units().keySet());
        assertEquals(1, r.issues().size());
        Issue issue = r.issues().get(0);
        assertEquals("injected", issue.path());
        assertTrue(issue.message().contains(BrokenIdUnit.class.getName() + ".id() threw")
                && issue.message().contains("no id today"), issue.message());
    }

    @Test
    void excludedIdsAreLeftOutWithoutAnIssue() {
        RegistryConfig config = RegistryConfig.only(new NamedUnit("a"), new NamedUnit("b"), TestStrategy.full(), TestStrategy.latest())
                .excluding(Set.of("b")).excluding(Set.of("latest"));
        PluginRegistry r = PluginRegistry.load(config);
        assertEquals(Set.of("a"), r.units().keySet());
        assertEquals(Set.of("full"), r.strategies().keySet());
        assertEquals(List.of(), r.issues());
    }

    @Test
    void injectedPluginsDescribeTheirOrigin() {
        Plugin<BackupUnit> p = PluginRegistry.load(RegistryConfig.only(new NamedUnit("a"))).unit("a");
        assertEquals("unnamed", p.module());
        assertEquals("injected", p.source());
        assertEquals("unknown", p.version());
    }

    @Test
    void unknownUnitOrStrategyIsAConfigErrorNamingTheKnownIds() {
        PluginRegistry r = PluginRegistry.load(RegistryConfig.only(new NamedUnit("db"), new NamedUnit("config"),
                TestStrategy.full(), TestStrategy.latest()));
        CairnException unit = assertThrows(CairnException.class, () -> r.unit("dbx"));
        assertEquals(CairnException.Kind.CONFIG, unit.kind());
        assertTrue(unit.getMessage().contains("'dbx'") && unit.getMessage().contains("known: config, db"), unit.getMessage());
        CairnException strategy = assertThrows(CairnException.class, () -> r.strategy("weekly"));
        assertEquals(CairnException.Kind.CONFIG, strategy.kind());
        assertTrue(strategy.getMessage().contains("'weekly'") && strategy.getMessage().contains("known: full, latest"), strategy.getMessage());
    }

    @Test
    void garbageJarInThePluginDirectoryIsAnIssueAndNonJarsAreIgnored(@TempDir Path plugins) throws IOException {
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
        Files.write(plugins.resolve("broken.jar"), "this is not a zip file".getBytes(StandardCharsets.UTF_8));
        PluginRegistry r = PluginRegistry.load(new RegistryConfig(true, plugins, Set.of(), List.of(new NamedUnit("config"))));
        assertEquals(Set.of("config"), r.units().keySet());
        assertEquals(1, r.issues().size(), r.issues().toString());
        Issue issue = r.issues().get(0);
        assertEquals("broken.jar", issue.path());
        assertTrue(issue.message().startsWith("plugin jar skipped"), issue.message());
    }

    @Test
    void missingPluginDirectoryIsNoProblem(@TempDir Path temp) {
        PluginRegistry r = PluginRegistry.load(new RegistryConfig(true, temp.resolve("absent"), Set.of(), List.of(new NamedUnit("a"))));
        assertEquals(Set.of("a"), r.units().keySet());
        assertEquals(List.of(), r.issues());
    }

    /**
     * A real plugin jar, compiled here. On the class path the boot layer has no {@code dev.cairn.framework}
     * module, so a jar whose module-info requires it cannot resolve; an automatic module (a jar without
     * module-info) reads the class path's unnamed module and so can be loaded into its own layer.
     */
    @Test
    void pluginJarLoadsInItsOwnLayerAndClashesWithAnInjectedIdAreRefused(@TempDir Path temp) throws IOException {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        buildPluginJar(temp, plugins.resolve("hello-plugin-1.2.jar"), "hello");
        PluginRegistry r = PluginRegistry.load(new RegistryConfig(true, plugins, Set.of(), List.of(new NamedUnit("config"))));
        assertEquals(Set.of("config", "hello"), r.units().keySet(), r.issues().toString());
        Plugin<BackupUnit> hello = r.unit("hello");
        assertEquals("hello.plugin", hello.module());
        assertEquals("1.2", hello.version());
        assertEquals("hello-plugin-1.2.jar", hello.source());
        assertTrue(hello.instance().getClass().getModule().getLayer() != ModuleLayer.boot());
        assertEquals(List.of(), r.issues());

        PluginRegistry clash = PluginRegistry.load(new RegistryConfig(true, plugins, Set.of(), List.of(new NamedUnit("hello"))));
        assertEquals(Set.of(), clash.units().keySet());
        String message = clash.issues().get(0).message();
        assertTrue(message.contains("hello.plugin from hello-plugin-1.2.jar") && message.contains("unnamed from injected"), message);

        PluginRegistry excluded = PluginRegistry.load(new RegistryConfig(true, plugins, Set.of("hello"), List.of()));
        assertEquals(Set.of(), excluded.units().keySet());
        assertEquals(List.of(), excluded.issues());
    }

    @Test
    void pluginJarCannotClaimTheReservedPrefixByNamingItsModuleDevCairn(@TempDir Path temp) throws IOException {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        buildPluginJar(temp, plugins.resolve("dev.cairn.official-9.9.jar"), "cairn-official");
        PluginRegistry r = PluginRegistry.load(new RegistryConfig(true, plugins, Set.of(), List.of()));
        assertEquals(Set.of(), r.units().keySet());
        assertEquals(1, r.issues().size(), r.issues().toString());
        String message = r.issues().get(0).message();
        assertTrue(message.contains("'cairn-official' of module dev.cairn.official") && message.contains("reserved prefix"), message);
        assertEquals("dev.cairn.official-9.9.jar", r.issues().get(0).path());
    }

    private static void buildPluginJar(Path temp, Path jar, String id) throws IOException {
        Path src = Files.createDirectories(temp.resolve("src/com/example/hello"));
        Files.writeString(src.resolve("HelloUnit.java"), """
                package com.example.hello;
                public final class HelloUnit implements dev.cairn.framework.unit.BackupUnit {
                    public String id() { return "%s"; }
                    public dev.cairn.framework.unit.UnitPlan plan(dev.cairn.framework.unit.UnitContext ctx) {
                        return new dev.cairn.framework.unit.UnitPlan(java.util.List.of(), java.util.List.of());
                    }
                    public dev.cairn.framework.unit.UnitOutcome backup(dev.cairn.framework.unit.BackupContext ctx) {
                        return dev.cairn.framework.unit.UnitOutcome.skipped("hello");
                    }
                }
                """.formatted(id));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow();
        int rc = javac.run(System.err, System.err, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("HelloUnit.java").toString());
        assertEquals(0, rc, "compiling the test plugin");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
            jos.putNextEntry(new JarEntry("com/example/hello/HelloUnit.class"));
            jos.write(Files.readAllBytes(classes.resolve("com/example/hello/HelloUnit.class")));
            jos.closeEntry();
            jos.putNextEntry(new JarEntry("META-INF/services/dev.cairn.framework.unit.BackupUnit"));
            jos.write("com.example.hello.HelloUnit\n".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
    }
}
