package dev.cairn.engine.profile;

import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileReaderTest {

    @TempDir
    Path dir;

    private static final String UNIT = "{\"id\": \"config\", \"paths\": [\"config\"]}";

    private static String profile(String units) {
        return "{\"schema\": \"cairn-install-profile/1\", \"name\": \"shop\", \"install_root\": \"/srv/shop\", \"units\": [" + units + "]}";
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("missing schema", "{\"name\": \"shop\", \"install_root\": \"/srv\", \"units\": [" + UNIT + "]}", "$.schema", "required"),
                Arguments.of("wrong schema", profile(UNIT).replace("cairn-install-profile/1", "cairn-install-profile/9"), "$.schema",
                        "found \"cairn-install-profile/9\""),
                Arguments.of("unknown top-level field", profile(UNIT).replace("\"name\"", "\"colour\": \"red\", \"name\""), "$.colour",
                        "not a known field"),
                Arguments.of("unknown unit field", profile("{\"id\": \"config\", \"pathz\": [\"config\"]}"), "$.units[0].pathz",
                        "not a known field"),
                Arguments.of("empty units", profile(""), "$.units", "non-empty array"),
                Arguments.of("repeated unit id", profile(UNIT + ", {\"id\": \"config\", \"paths\": [\"etc\"]}"), "$.units[1].id",
                        "'config' is repeated"),
                Arguments.of("path with ..", profile("{\"id\": \"config\", \"paths\": [\"config\", \"../etc\"]}"), "$.units[0].paths[1]",
                        "'../etc'"),
                Arguments.of("path with .. inside", profile("{\"id\": \"config\", \"paths\": [\"config/../../etc\"]}"), "$.units[0].paths[0]",
                        "without '..'"),
                Arguments.of("absolute path", profile("{\"id\": \"config\", \"paths\": [\"/etc/passwd\"]}"), "$.units[0].paths[0]",
                        "leading '/'"),
                Arguments.of("non-boolean enabled", profile("{\"id\": \"config\", \"enabled\": \"yes\", \"paths\": [\"config\"]}"),
                        "$.units[0].enabled", "true or false"),
                Arguments.of("option that is an array of objects",
                        profile("{\"id\": \"db\", \"paths\": [\"data\"], \"options\": {\"tables\": [{\"name\": \"users\"}]}}"),
                        "$.units[0].options.tables[0]", "a string, number or boolean"),
                Arguments.of("null option", profile("{\"id\": \"db\", \"paths\": [\"data\"], \"options\": {\"busy\": null}}"),
                        "$.units[0].options.busy", "expected"),
                Arguments.of("unit without paths", profile("{\"id\": \"db\"}"), "$.units[0].paths", "non-empty array"),
                Arguments.of("path that is a number", profile("{\"id\": \"db\", \"paths\": [7]}"), "$.units[0].paths[0]", "non-empty string"),
                Arguments.of("unit id with a space", profile("{\"id\": \"my unit\", \"paths\": [\"data\"]}"), "$.units[0].id",
                        "(found 'my unit')"),
                Arguments.of("strategy id with a slash", profile(UNIT).replace("\"name\"", "\"strategy\": \"a/b\", \"name\""),
                        "$.strategy", "(found 'a/b')"),
                Arguments.of("not an object", "[1, 2]", "$", "a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyErrorNamesTheFileAndTheField(String what, String json, String field, String detail) throws IOException {
        Path file = write("bad-profile.json", json);
        CairnException e = assertThrows(CairnException.class, () -> ProfileReader.read(file));
        assertEquals(CairnException.Kind.CONFIG, e.kind(), e.getMessage());
        String prefix = file + ": field " + field;
        assertTrue(e.getMessage().startsWith(prefix + ": expected ") || e.getMessage().startsWith(prefix + " is not a known field"),
                e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void invalidJsonNamesTheFileLineAndColumn() throws IOException {
        Path file = write("broken.json", "{\n  \"schema\": \"cairn-install-profile/1\",\n  \"name\" \"shop\"\n}\n");
        CairnException e = assertThrows(CairnException.class, () -> ProfileReader.read(file));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON at line 3, column "), e.getMessage());
    }

    @Test
    void repeatedKeyIsAnErrorNotASilentOverride() throws IOException {
        Path file = write("twice.json", """
                {"schema": "cairn-install-profile/1", "name": "shop", "install_root": "/srv/shop",
                 "units": [{"id": "db", "paths": ["data/app.db"]}],
                 "units": [{"id": "config", "paths": ["config"]}]}
                """);
        CairnException e = assertThrows(CairnException.class, () -> ProfileReader.read(file));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON at line 3, column ") && e.getMessage().contains("'units'"),
                e.getMessage());
    }

    @Test
    void textAfterTheDocumentIsAnError() throws IOException {
        Path file = write("trailing.json", profile(UNIT) + "\n{\"name\": \"second\"}\n");
        CairnException e = assertThrows(CairnException.class, () -> ProfileReader.read(file));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON at line 2, column "), e.getMessage());
    }

    @Test
    void missingFileIsNotFound() {
        Path file = dir.resolve("nope.json");
        CairnException e = assertThrows(CairnException.class, () -> ProfileReader.read(file));
        assertEquals(CairnException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void relativeInstallRootAndRepositoryAreResolvedAgainstTheProfilesDirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("etc/cairn"));
        Path file = Files.writeString(sub.resolve("profile.json"), """
                {"schema": "cairn-install-profile/1", "name": "shop", "install_root": "../../srv/shop",
                 "repository": "backups", "units": [{"id": "config", "paths": ["config/"]}]}
                """);
        InstallProfile p = ProfileReader.read(file);
        assertEquals(dir.resolve("srv/shop").toAbsolutePath(), p.installRoot());
        assertEquals(sub.resolve("backups").toAbsolutePath(), p.repository());
        assertEquals("incremental", p.strategy(), "the default strategy");
        assertEquals(List.of("config/"), p.units().get(0).paths());
    }

    @Test
    void optionsAreFlattenedAndDisabledUnitsAreKeptButNotEnabled() throws IOException {
        Path file = write("p.json", profile("""
                {"id": "db", "paths": ["data/app.db"], "options": {"busy_timeout_ms": 5000, "page_aligned": true,
                  "nested": {"level": "x"}, "tables": ["a", 2]}},
                {"id": "logs", "enabled": false, "paths": ["logs"], "excludes": ["*.gz"]}
                """));
        InstallProfile p = ProfileReader.read(file);
        assertEquals(Map.of("busy_timeout_ms", "5000", "page_aligned", "true", "nested.level", "x", "tables.0", "a", "tables.1", "2"),
                p.units().get(0).options());
        assertFalse(p.units().get(1).enabled());
        assertEquals(List.of("*.gz"), p.units().get(1).excludes());
        assertEquals(List.of("db"), p.enabledUnits().stream().map(InstallProfile.UnitEntry::id).toList());
        assertNull(p.repository());
    }
}
