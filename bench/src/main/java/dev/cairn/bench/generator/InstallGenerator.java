package dev.cairn.bench.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Generates a whole install (or some of its parts) and applies days of changes to it, always the
 * same bytes for the same settings.
 *
 * <pre>
 * install/
 *   data/app.db                      SQLite, ~250 MB
 *   logs/{app,access}.log[.1-4]      ~300 MB of text
 *   uploads/2025-MM/*.{jpg,png,...}  ~2,000 files, ~200 MB, incompressible
 *   transcripts/2025-MM/*.txt        ~3,000 files, ~45 MB
 *   config/{app.json,.env,*.yaml}
 *   certs/server.{crt,key}           key mode 0600
 *   models/{base,finetuned}.f16.bin  2 x ~600 MB
 * </pre>
 */
public final class InstallGenerator {

    private final GeneratorSettings settings;
    private final Set<InstallPart> parts;

    /** A generator of the given parts. */
    public InstallGenerator(GeneratorSettings settings, Set<InstallPart> parts) {
        this.settings = settings;
        this.parts = parts.isEmpty() ? EnumSet.noneOf(InstallPart.class) : EnumSet.copyOf(parts);
    }

    /** A generator of the whole install. */
    public static InstallGenerator full(GeneratorSettings settings) {
        return new InstallGenerator(settings, EnumSet.allOf(InstallPart.class));
    }

    /**
     * Writes the install into {@code root} (which must not exist or be empty) and its install profile
     * to {@code profileFile}.
     */
    public void generate(Path root, Path profileFile) throws IOException {
        if (Files.isDirectory(root)) {
            try (var entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("install directory is not empty: " + root);
                }
            }
        }
        Files.createDirectories(root);
        if (parts.contains(InstallPart.DB)) {
            SqliteAppDatabase.create(root.resolve("data/app.db"), settings);
        }
        if (parts.contains(InstallPart.CONFIG)) {
            ConfigFiles.create(root.resolve("config"), settings);
        }
        if (parts.contains(InstallPart.LOGS)) {
            RotatedLogs.create(root.resolve("logs"), settings);
        }
        if (parts.contains(InstallPart.UPLOADS)) {
            Uploads.create(root.resolve("uploads"), settings);
        }
        if (parts.contains(InstallPart.TRANSCRIPTS)) {
            Transcripts.create(root.resolve("transcripts"), settings);
        }
        if (parts.contains(InstallPart.CERTS)) {
            CertificateFiles.create(root.resolve("certs"), settings);
        }
        if (parts.contains(InstallPart.MODELS)) {
            ModelFiles.create(root.resolve("models"), settings);
        }
        if (profileFile != null) {
            InstallProfileWriter.write(profileFile, root, parts);
        }
    }

    /**
     * Applies day {@code day} (1, 2, ...) of changes to the parts present: DB inserts and updates, log
     * appends, a config edit, new uploads, ~1% of the fine-tuned model rewritten.
     *
     * @return what was changed
     */
    public DayChanges applyDay(Path root, int day) throws IOException {
        if (day < 1) {
            throw new IllegalArgumentException("day must be >= 1, was " + day);
        }
        int inserts = 0;
        int updates = 0;
        if (parts.contains(InstallPart.DB)) {
            int[] counts = SqliteAppDatabase.applyDay(root.resolve("data/app.db"), settings, day);
            inserts = counts[0];
            updates = counts[1];
        }
        if (parts.contains(InstallPart.LOGS)) {
            RotatedLogs.applyDay(root.resolve("logs"), settings, day);
        }
        if (parts.contains(InstallPart.CONFIG)) {
            ConfigFiles.applyDay(root.resolve("config"), day);
        }
        if (parts.contains(InstallPart.UPLOADS)) {
            Uploads.applyDay(root.resolve("uploads"), settings, day);
        }
        if (parts.contains(InstallPart.MODELS)) {
            ModelFiles.applyDay(root.resolve("models"), settings, day);
        }
        return new DayChanges(day, inserts, updates);
    }

    /**
     * What one day changed in the database (the other parts change as described on {@link #applyDay}).
     *
     * @param day       the day number
     * @param dbInserts rows inserted
     * @param dbUpdates rows updated
     */
    public record DayChanges(int day, int dbInserts, int dbUpdates) { }
}
