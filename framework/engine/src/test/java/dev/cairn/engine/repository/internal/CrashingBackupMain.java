package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.StoredContent;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link CrashRecoveryTest}: backs up {@link #files()} into the repository
 * given as the first argument (passphrase second) and reports each step on stdout so the test can
 * kill it with SIGKILL at a chosen point.
 */
public final class CrashingBackupMain {

    private CrashingBackupMain() {
    }

    /** {@return the files the child backs up: a mix of random and compressible content and sizes} */
    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            int size = 150_000 + (i * 37_000) % 250_000;
            files.put(String.format("unit/file%02d", i), i % 3 == 0 ? Backups.compressible(i, size) : Backups.random(i, size));
        }
        return files;
    }

    static ChunkingPolicy chunking(int i) {
        return i % 2 == 0 ? ChunkingPolicy.fixed(32 << 10) : ChunkingPolicy.contentDefined();
    }

    /** {@return the items of a backup of {@link #files()}} */
    static List<ManifestItem> backUp(BackupWriter writer, PrintStream progress) throws java.io.IOException {
        List<ManifestItem> items = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, byte[]> e : files().entrySet()) {
            StoredContent c = writer.store(new ByteArrayInputStream(e.getValue()), chunking(i), false, ProgressListener.NOOP);
            items.add(Backups.item(e.getKey(), c));
            if (progress != null) {
                progress.println("stored " + i);
                progress.flush();
            }
            i++;
        }
        return items;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try (Repository repo = Repository.open(Path.of(args[0]), args[1].toCharArray())) {
            out.println("opened");
            out.flush();
            try (BackupWriter writer = repo.newWriter()) {
                List<ManifestItem> items = backUp(writer, out);
                out.println("committing");
                out.flush();
                String id = writer.commit(Backups.manifest(items));
                out.println("committed " + id);
                out.flush();
            }
        }
    }
}
