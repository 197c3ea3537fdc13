package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryOptions;

import java.nio.file.Path;

/** The file-system repository (being written: see issue 3). */
public final class FileRepository {
    private FileRepository() {
    }

    public static Repository init(Path dir, RepositoryOptions options) {
        throw new IllegalStateException("repository implementation pending");
    }

    public static Repository open(Path dir, char[] passphrase) {
        throw new IllegalStateException("repository implementation pending");
    }
}
