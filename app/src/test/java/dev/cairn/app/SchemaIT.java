package dev.cairn.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.schemas.SchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real output of the CLI validates against the published JSON Schemas: the manifest of a real backup,
 * the recovery plan of a restore, the install profiles written by {@code cairn init --install} and for
 * the bundled demo install.
 */
class SchemaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void realOutputMatchesTheSchemas(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        new InstallFixture(install).create();
        Path home = dir.resolve("home");
        Cli cli = new Cli(Cli.dist(), home).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", dir.resolve("repo").toString());

        Path profile = dir.resolve("suggested.json");
        cli.run("init", "--install", install.toString(), "--profile-out", profile.toString()).expect(0);
        SchemaValidator.INSTALL_PROFILE.assertValid(Files.readString(profile));

        cli.run("backup", "--profile", profile.toString()).expect(0);
        String manifest = cli.run("show", "latest", "--json").expect(0).out();
        SchemaValidator.BACKUP_MANIFEST.assertValid(manifest);
        JsonNode m = JSON.readTree(manifest);
        assertTrue(m.get("items").size() > 10, "the manifest lists the install's items");

        JsonNode restore = JSON.readTree(cli.run("restore", "latest", "--target", dir.resolve("out").toString(), "--dry-run", "--json")
                .expect(0).out());
        SchemaValidator.RECOVERY_PLAN.assertValid(JSON.writeValueAsString(restore.get("plan")));
        assertEquals(m.get("items").size(), restore.get("plan").get("items").size());

        // The demo install's generated profile (the main job's embedded default).
        cli.env("CAIRN_REPOSITORY", null).env("CAIRN_PASSWORD", null).run("backup").expect(0);
        SchemaValidator.INSTALL_PROFILE.assertValid(Files.readString(home.resolve("demo-profile.json")));
    }
}
