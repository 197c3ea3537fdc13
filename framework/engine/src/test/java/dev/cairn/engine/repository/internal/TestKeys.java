package dev.cairn.engine.repository.internal;

/** Fresh random repository keys for tests of the repository's file formats. */
final class TestKeys {

    private TestKeys() {
    }

    /** {@return random keys of an encrypted repository, or of an unencrypted one} */
    static RepositoryKeys random(boolean encrypted) {
        return encrypted ? RepositoryKeys.fromMaster(Crypto.random(32)) : RepositoryKeys.plain(Crypto.random(32), Crypto.random(32));
    }
}
