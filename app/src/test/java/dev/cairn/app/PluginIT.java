package dev.cairn.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third-party unit shipped as its own jar (examples/hello-unit) dropped into a copy of the
 * distribution's {@code plugins/}: {@code cairn units} lists it from its own module layer, a backup
 * includes its items, and a broken jar beside it is reported and skipped without stopping the run.
 */
class PluginIT {

    @Test
    void exampleUnitLoadsFromPluginsAndJoinsABackup(@TempDir Path dir) throws Exception {
        Path dist = copyTree(Cli.dist(), dir.resolve("cairn"));
        Path helloJar = helloJar();
        Files.copy(helloJar, dist.resolve("plugins").resolve(helloJar.getFileName()));
        Files.writeString(dist.resolve("plugins/broken.jar"), "this is not a jar");
        Cli cli = new Cli(dist, dir.resolve("home")).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", dir.resolve("repo").toString());

        String units = cli.run("units").expect(0).out();
        assertTrue(units.matches("(?s).*unit\\s+hello\\s+com\\.example\\.hello\\s+\\S+\\s+" + helloJar.getFileName() + ".*"), units);
        for (String firstParty : new String[] {"config", "db", "files", "logs", "models"}) {
            assertTrue(units.matches("(?s).*unit\\s+" + firstParty + "\\s+dev\\.cairn\\.units\\." + firstParty + "\\s+0\\.1\\.0-SNAPSHOT\\s+module path.*"), units);
        }
        assertTrue(units.contains("problem:") && units.contains("broken.jar"), "the broken jar is reported: " + units);

        Path install = dir.resolve("install");
        Files.createDirectories(install.resolve("notes"));
        Files.writeString(install.resolve("notes/todo.txt"), "buy milk\n");
        Files.createDirectories(install.resolve("config"));
        Files.writeString(install.resolve("config/app.json"), "{}\n");
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, """
                {"schema": "cairn-install-profile/1", "name": "notes", "install_root": "%s",
                 "units": [{"id": "hello", "paths": ["notes/*.txt"]}, {"id": "config", "paths": ["config"]}]}
                """.formatted(install));
        cli.run("init").expect(0);
        String backup = cli.run("backup", "--profile", profile.toString()).expect(0).out();
        assertTrue(backup.matches("(?s).*hello\\s+succeeded\\s+1 items.*"), backup);

        Path target = dir.resolve("restored");
        cli.run("restore", "latest", "--target", target.toString(), "--units", "hello").expect(0);
        assertEquals("buy milk\n", Files.readString(target.resolve("notes/todo.txt")));
    }

    private static Path helloJar() throws IOException {
        Path target = Path.of(System.getProperty("user.dir")).resolve("../examples/hello-unit/target").normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("hello-unit-.*\\.jar")
                            && !p.getFileName().toString().contains("-tests") && !p.getFileName().toString().contains("-sources"))
                    .findFirst().orElseThrow(() -> new AssertionError("hello-unit jar not built in " + target));
        }
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
