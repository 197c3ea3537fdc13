package dev.cairn.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job's default repository: created with a generated passphrase on the first run, and created
 * again with the same passphrase, never a new one, when the repository is gone but its passphrase file
 * is still there.
 */
class DefaultRepositoryIT {

    @Test
    void aRemovedDefaultRepositoryIsCreatedAgainWithTheKeptPassphrase(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Cli cli = new Cli(Cli.dist(), home).env("CAIRN_REPOSITORY", null).env("CAIRN_PASSWORD", null);
        Path repository = home.resolve("repository");
        Path passphrase = home.resolve("repository.passphrase");

        Cli.Result first = cli.run("backup").expect(0);
        assertTrue(first.err().contains("created a passphrase for the default repository"), first.err());
        String kept = Files.readString(passphrase);

        deleteTree(repository);
        Cli.Result again = cli.run("backup").expect(0);
        assertTrue(again.err().contains("the default repository is missing: creating it with the passphrase kept in " + passphrase),
                again.err());
        assertFalse(again.err().contains("created a passphrase"), again.err());
        assertEquals(kept, Files.readString(passphrase), "the kept passphrase is not replaced");
        assertTrue(Files.exists(repository.resolve("config")), "the default repository exists again");

        // The new repository opens with the kept passphrase, given explicitly, and holds the second run's snapshot.
        Matcher saved = Pattern.compile("snapshot ([0-9a-f]{12}) saved").matcher(again.out() + again.err());
        assertTrue(saved.find(), again.out());
        cli.env("CAIRN_REPOSITORY", repository.toString()).env("CAIRN_PASSWORD", kept.strip());
        String listed = cli.run("snapshots").expect(0).out();
        assertTrue(listed.contains(saved.group(1)), listed);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
