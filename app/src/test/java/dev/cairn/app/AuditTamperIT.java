package dev.cairn.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cairn audit verify} through the real launcher catches every kind of tampering with a real
 * repository's trail: a modified, deleted, inserted or reordered event and a truncated tail (exit 13),
 * and passes an untouched trail (exit 0).
 */
class AuditTamperIT {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path template;
    private static Path profile;

    private Cli cli;
    private Path auditDb;

    /** One real repository with a trail of init, three backups and a verify; each test tampers with a copy. */
    @BeforeAll
    static void makeATrail() throws Exception {
        Path install = shared.resolve("install");
        Files.createDirectories(install.resolve("config"));
        Files.writeString(install.resolve("config/app.json"), "{\"v\": 1}\n");
        profile = shared.resolve("profile.json");
        Files.writeString(profile, """
                {"schema": "cairn-install-profile/1", "name": "t", "install_root": "%s", "units": [{"id": "config", "paths": ["config"]}]}
                """.formatted(install));
        template = shared.resolve("repo");
        Cli cli = cliFor(template, shared.resolve("home"));
        cli.run("init").expect(0);
        for (int i = 2; i <= 4; i++) {
            cli.run("backup").expect(0);
            Files.writeString(install.resolve("config/app.json"), "{\"v\": " + i + "}\n");
        }
        cli.run("verify").expect(0);
    }

    @BeforeEach
    void copyTheRepository() throws Exception {
        Path repo = PluginIT.copyTree(template, dir.resolve("repo"));
        cli = cliFor(repo, dir.resolve("home"));
        auditDb = repo.resolve("audit/audit.db");
        String ok = cli.run("audit", "verify").expect(0).out();
        assertTrue(ok.contains("intact: 5 events"), ok);
    }

    private static Cli cliFor(Path repo, Path home) {
        return new Cli(Cli.dist(), home).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", repo.toString())
                .env("CAIRN_PROFILE", profile.toString());
    }

    @Test
    void aModifiedEventIsCaught() throws Exception {
        sql("UPDATE events SET summary = replace(summary, '\"partial\":false', '\"partial\":true') WHERE type = 'backup' AND seq = 3");
        assertCaught();
    }

    @Test
    void aDeletedEventIsCaught() throws Exception {
        sql("DELETE FROM events WHERE seq = 2");
        assertCaught();
    }

    @Test
    void anInsertedEventIsCaught() throws Exception {
        sql("INSERT INTO events(seq, time_utc, type, actor, host, snapshot_id, summary, hash) "
                + "SELECT 100, time_utc, 'restore', actor, host, snapshot_id, summary, hash FROM events WHERE seq = 3");
        assertCaught();
    }

    @Test
    void reorderedEventsAreCaught() throws Exception {
        sql("UPDATE events SET seq = -1 WHERE seq = 2", "UPDATE events SET seq = 2 WHERE seq = 3", "UPDATE events SET seq = 3 WHERE seq = -1");
        assertCaught();
    }

    @Test
    void aTruncatedTailIsCaught() throws Exception {
        sql("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)");
        Path chain = auditDb.resolveSibling("chain.log");
        List<String> lines = Files.readAllLines(chain);
        Files.write(chain, lines.subList(0, lines.size() - 1), StandardOpenOption.TRUNCATE_EXISTING);
        assertCaught();
    }

    private void assertCaught() throws Exception {
        Cli.Result r = cli.run("audit", "verify").expect(13);
        assertTrue(r.out().contains("TAMPERED"), r.out());
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + auditDb); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.executeUpdate(q);
            }
        }
    }
}
