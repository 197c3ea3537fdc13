package dev.cairn.engine.profile;

import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileWriterTest {

    @TempDir
    Path dir;

    private InstallProfile sample() {
        return new InstallProfile("shop", dir.resolve("srv/shop").toAbsolutePath(), dir.resolve("repo").toAbsolutePath(), "differential",
                List.of("**/*.tmp"), List.of(
                new InstallProfile.UnitEntry("db", true, List.of("data/app.db"), List.of(),
                        Map.of("busy_timeout_ms", "5000", "page_aligned", "true")),
                new InstallProfile.UnitEntry("config", true, List.of("config", "etc/app.yaml"), List.of("config/secret.tmp"), Map.of()),
                new InstallProfile.UnitEntry("logs", false, List.of("logs"), List.of(), Map.of("rotated.max", "5"))));
    }

    @Test
    void writtenProfileReadsBackEqual() {
        Path file = dir.resolve("conf/profile.json");
        ProfileWriter.write(sample(), file, false);
        assertEquals(sample(), ProfileReader.read(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside the profile");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void profileWithoutRepositoryRoundTrips() {
        InstallProfile p = new InstallProfile("x", dir.toAbsolutePath(), null, "full", List.of(),
                List.of(new InstallProfile.UnitEntry("files", true, List.of("uploads"), List.of(), Map.of())));
        Path file = dir.resolve("p.json");
        ProfileWriter.write(p, file, false);
        assertEquals(p, ProfileReader.read(file));
    }

    @Test
    void existingProfileIsNotOverwrittenUnlessAsked() throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "keep me");
        CairnException e = assertThrows(CairnException.class, () -> ProfileWriter.write(sample(), file, false));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertEquals("keep me", Files.readString(file));
        ProfileWriter.write(sample(), file, true);
        assertEquals(sample(), ProfileReader.read(file));
    }
}
