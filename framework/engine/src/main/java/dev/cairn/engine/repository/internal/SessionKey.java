package dev.cairn.engine.repository.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A random AES-256 key for one writing session, with the counter that makes its nonces unique
 * ({@link Crypto#counterNonce}). Each pack of the session carries the key wrapped under the
 * repository's wrap key.
 */
final class SessionKey {

    private final byte[] key;
    private final AtomicLong counter = new AtomicLong();

    SessionKey(byte[] key) {
        this.key = key;
    }

    static SessionKey random() {
        return new SessionKey(Crypto.random(Crypto.KEY_BYTES));
    }

    byte[] key() {
        return key;
    }

    byte[] nextNonce() {
        return Crypto.counterNonce(counter.getAndIncrement());
    }
}
