package dev.cairn.engine.testing;

import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryOptions;

import java.nio.file.Path;

/** Real repositories for tests: encrypted, with the cheap Argon2 parameters. */
public final class TestRepositories {

    /** The passphrase of every test repository. */
    public static final char[] PASSPHRASE = "correct horse".toCharArray();

    private TestRepositories() {
    }

    /** {@return a new encrypted repository in {@code dir}} */
    public static Repository create(Path dir) {
        return Repository.init(dir, new RepositoryOptions(PASSPHRASE.clone(), RepositoryOptions.Argon2Params.TESTING,
                RepositoryOptions.DEFAULT_PACK_TARGET));
    }
}
