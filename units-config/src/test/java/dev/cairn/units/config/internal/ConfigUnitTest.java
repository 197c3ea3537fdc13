package dev.cairn.units.config.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.testkit.BackupUnitContract;
import dev.cairn.testkit.RecordingSink;
import dev.cairn.testkit.TestUnitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigUnitTest implements BackupUnitContract {

    @TempDir
    Path dir;

    @Override
    public BackupUnit newUnit() {
        return new ConfigUnit();
    }

    @Override
    public List<String> populateInstall(Path root) throws IOException {
        write(root, "config/app.json", "{\"port\": 8080, // the listener\n \"tags\": [\"a\", \"b\",],}\n");
        write(root, "config/policy.yaml", "retention:\n  daily: 7\n---\nsecond: document\n");
        write(root, "config/app.properties", "name=demo\n");
        write(root, "config/layout.xml", "<layout><pane id=\"1\"/></layout>");
        Files.createDirectories(root.resolve("config/empty"));
        Files.createSymbolicLink(root.resolve("config/current.json"), Path.of("app.json"));
        Path env = write(root, ".env", "export API_TOKEN=\"abc\ndef\"\n# comment\nPORT = 8080\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        return List.of("config", ".env");
    }

    private static Path write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Path install() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        populateInstall(root);
        return root;
    }

    private TestUnitContext ctx(Path root, ItemSink sink, String... paths) throws IOException {
        return TestUnitContext.of("config", root, List.of(paths), Files.createDirectories(dir.resolve("scratch")), sink);
    }

    /** Forwards to a {@link RecordingSink}, running {@code hook} on each item first. */
    private static ItemSink hooked(RecordingSink recorder, IoHook hook) {
        return new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                hook.before(item);
                recorder.accept(item);
            }

            @Override
            public void report(Issue issue) {
                recorder.report(issue);
            }
        };
    }

    private interface IoHook {
        void before(Item item) throws IOException;
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BackupUnit.class).stream().anyMatch(p -> p.type() == ConfigUnit.class));
    }

    @Test
    void backsUpFilesLinksEmptyDirectoriesAndPrivateModes() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(true);

        UnitOutcome outcome = newUnit().backup(ctx(root, sink, "config", ".env"));

        assertEquals(new UnitOutcome.Succeeded(8), outcome);
        Map<String, RecordingSink.Recorded> items = sink.items();
        assertEquals(List.of(".env", "config", "config/app.json", "config/app.properties", "config/current.json",
                "config/empty", "config/layout.xml", "config/policy.yaml"), List.copyOf(items.keySet()));
        assertEquals(0600, items.get(".env").item().metadata().mode());
        assertEquals("app.json", assertInstanceOf(Item.Symlink.class, items.get("config/current.json").item()).target());
        assertInstanceOf(Item.Directory.class, items.get("config/empty").item());
        assertEquals("name=demo\n", new String(items.get("config/app.properties").content()));
        assertEquals(List.of(), sink.issues());
    }

    @Test
    void fileThatVanishesIsReportedAndTheRestIsStored() throws IOException {
        Path root = install();
        RecordingSink recorder = new RecordingSink(false);
        ItemSink sink = hooked(recorder, item -> {
            if (item.path().equals("config/app.json")) {
                Files.delete(root.resolve("config/policy.yaml"));
            }
        });

        UnitOutcome outcome = newUnit().backup(ctx(root, sink, "config"));

        assertInstanceOf(UnitOutcome.Succeeded.class, outcome);
        assertFalse(recorder.items().containsKey("config/policy.yaml"));
        assertTrue(recorder.items().containsKey("config/layout.xml"));
        Issue issue = recorder.issues().get(0);
        assertEquals(Issue.Severity.WARNING, issue.severity());
        assertEquals("config/policy.yaml", issue.path());
        assertTrue(issue.message().contains("vanished"), issue.message());
    }

    @Test
    void fileThatChangesWhileReadIsStoredAsReadAndReported() throws IOException {
        Path root = install();
        RecordingSink recorder = new RecordingSink(true);
        ItemSink sink = recorder.changingAfter("config/app.properties", () -> Files.writeString(root.resolve("config/app.properties"), "more=1\n", StandardOpenOption.APPEND));

        newUnit().backup(ctx(root, sink, "config"));

        assertEquals("name=demo\n", new String(recorder.items().get("config/app.properties").content()));
        Issue issue = recorder.issues().get(0);
        assertEquals("config/app.properties", issue.path());
        assertTrue(issue.message().contains("changed while read"), issue.message());
    }

    @Test
    void excludeGlobsLeaveFilesAndDirectoriesOut() throws IOException {
        Path root = install();
        write(root, "config/app.json.bak", "{");
        write(root, "config/secrets/db.yaml", "password: x");
        RecordingSink sink = new RecordingSink(false);
        TestUnitContext ctx = new TestUnitContext("config", root, List.of("config"), List.of("*.bak", "config/secrets"),
                ConfigView.empty(), () -> false, Files.createDirectories(dir.resolve("scratch")), sink);

        newUnit().backup(ctx);

        assertFalse(sink.items().containsKey("config/app.json.bak"));
        assertFalse(sink.items().keySet().stream().anyMatch(p -> p.startsWith("config/secrets")), sink.items().keySet().toString());
        assertTrue(sink.items().containsKey("config/app.json"));
        assertEquals(newUnit().plan(ctx).items().size(), sink.items().size());
    }

    @Test
    void pathEscapingTheInstallRootIsAConfigError() throws IOException {
        Path root = install();
        for (String bad : List.of("../outside", "/etc/passwd")) {
            CairnException e = assertThrows(CairnException.class, () -> newUnit().plan(ctx(root, new RecordingSink(false), bad)));
            assertEquals(CairnException.Kind.CONFIG, e.kind());
            assertThrows(CairnException.class, () -> newUnit().backup(ctx(root, new RecordingSink(false), bad)));
        }
    }

    @Test
    void missingPathIsAWarning() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(false);
        assertInstanceOf(UnitOutcome.Succeeded.class, newUnit().backup(ctx(root, sink, "config", "settings.toml")));
        assertEquals("settings.toml", sink.issues().get(0).path());
    }

    @Test
    void backupWarnsWhenALiveConfigIsAlreadyBroken() throws IOException {
        Path root = install();
        write(root, "config/broken.json", "{\"a\": ");
        RecordingSink sink = new RecordingSink(false);

        newUnit().backup(ctx(root, sink, "config"));

        assertTrue(sink.items().containsKey("config/broken.json"), "a broken file is still backed up");
        Issue issue = sink.issues().get(0);
        assertEquals("config/broken.json", issue.path());
        assertTrue(issue.message().contains("invalid JSON") && issue.message().contains("smoke test"), issue.message());
    }

    // --- smoke test -------------------------------------------------------------------------------

    private SmokeTestResult smoke(Path staging, ConfigView options, String... items) {
        return newUnit().smokeTest(new RestoreContext("config", staging, List.of(items), options));
    }

    @Test
    void smokeTestPassesOnValidStagedFiles() throws IOException {
        Path staging = install();
        write(staging, "config/lines.jsonl", "{\"a\":1}\n{\"a\":2}\n");
        write(staging, "config/notes.toml", "this is = not [checked");
        assertEquals(SmokeTestResult.passed(), smoke(staging, ConfigView.empty(), "config", "config/app.json",
                "config/policy.yaml", "config/app.properties", "config/layout.xml", "config/current.json", "config/empty",
                "config/lines.jsonl", "config/notes.toml", ".env"));
    }

    @Test
    void smokeTestFailureNamesEachBrokenFileAndTheError() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        write(staging, "config/app.json", "{\n  \"port\": 8080\n  \"host\": \"x\"\n}");
        write(staging, "config/policy.yaml", "a: [1, 2\nb: 3\n");
        write(staging, "config/ok.json", "{}");

        SmokeTestResult.Failed failed = assertInstanceOf(SmokeTestResult.Failed.class,
                smoke(staging, ConfigView.empty(), "config/app.json", "config/policy.yaml", "config/ok.json"));

        String reason = failed.reason();
        assertTrue(reason.startsWith("2 config files are broken"), reason);
        assertTrue(reason.contains("config/app.json: invalid JSON at line 3, column 3"), reason);
        assertTrue(reason.contains("config/policy.yaml: invalid YAML at line"), reason);
        assertFalse(reason.contains("config/ok.json"), reason);
    }

    @Test
    void smokeTestChecksEveryFormat() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Map<String, String> broken = Map.of(
                "a.json", "",
                "b.json", "{} {}",
                "c.jsonl", "{\"a\":1}\n{\"a\":\n",
                "d.properties", "key=\\u12",
                ".env", "GOOD=1\nthis line is not an entry\n",
                "e.env", "TOKEN=\"never closed\nNEXT=1\n",
                "f.xml", "<a><b></a>",
                "g.yml", "key: \"unterminated\n");
        for (var e : broken.entrySet()) {
            write(staging, e.getKey(), e.getValue());
            SmokeTestResult result = smoke(staging, ConfigView.empty(), e.getKey());
            SmokeTestResult.Failed failed = assertInstanceOf(SmokeTestResult.Failed.class, result, e.getKey());
            assertTrue(failed.reason().startsWith(e.getKey() + ": invalid "), failed.reason());
        }
        assertTrue(((SmokeTestResult.Failed) smoke(staging, ConfigView.empty(), ".env")).reason().contains("line 2"));
        assertTrue(((SmokeTestResult.Failed) smoke(staging, ConfigView.empty(), "e.env")).reason().contains("line 1"));
    }

    @Test
    void smokeTestNeverQuotesSecretValues() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        write(staging, "creds.json", "{\"api_key\": sk_live_SECRET123}");
        write(staging, "x.env", "TOKEN=\"sk_live_SECRET123\" trailing\n");
        for (String item : List.of("creds.json", "x.env")) {
            String reason = ((SmokeTestResult.Failed) smoke(staging, ConfigView.empty(), item)).reason();
            assertFalse(reason.contains("SECRET"), reason);
        }
    }

    @Test
    void strictJsonRejectsCommentsAndTrailingCommas() throws IOException {
        Path staging = install();
        assertEquals(SmokeTestResult.passed(), smoke(staging, ConfigView.empty(), "config/app.json"));
        SmokeTestResult strict = smoke(staging, ConfigView.of("config", Map.of("strict-json", "true")), "config/app.json");
        assertTrue(((SmokeTestResult.Failed) strict).reason().startsWith("config/app.json: invalid JSON at line 1"));
        CairnException e = assertThrows(CairnException.class,
                () -> smoke(staging, ConfigView.of("config", Map.of("strict-json", "maybe")), "config/app.json"));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }

    @Test
    void xmlExternalEntitiesAreNeverFetched(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "top secret");
        Path staging = Files.createDirectories(dir.resolve("staging"));
        write(staging, "x.xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]><r>&e;</r>");
        SmokeTestResult result = smoke(staging, ConfigView.empty(), "x.xml");
        if (result instanceof SmokeTestResult.Failed f) {
            assertFalse(f.reason().contains("top secret"), f.reason());
        }
        write(staging, "y.xml", "<?xml version=\"1.0\"?><!DOCTYPE web-app PUBLIC \"-//Sun//DTD\" \"http://java.sun.com/dtd/web-app_2_3.dtd\"><web-app/>");
        assertEquals(SmokeTestResult.passed(), smoke(staging, ConfigView.empty(), "y.xml"),
                "a DOCTYPE naming a remote DTD is accepted without fetching it");
    }

    // --- suggest ----------------------------------------------------------------------------------

    @Test
    void suggestsConfigDirectoriesAndConfigLikeFiles() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        write(root, "config/anything.bin", "x");
        write(root, ".env", "A=1");
        write(root, "app/settings.yaml", "a: 1");
        write(root, "app/main.py", "print()");
        write(root, "logs/events.json", "{}");
        write(root, "data/events.jsonl", "{}");
        write(root, "data/huge.json", "[" + "0,".repeat(600_000) + "0]");
        write(root, "tools/.venv/pyvenv.cfg", "home = /usr/bin");

        assertEquals(List.of(".env", "app/settings.yaml", "config"), newUnit().suggest(root));
    }
}
