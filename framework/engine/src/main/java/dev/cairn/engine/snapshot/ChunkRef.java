package dev.cairn.engine.snapshot;

/**
 * One chunk of a file.
 *
 * @param id     the blob id (64 hex): SHA-256 of the plaintext, or HMAC-SHA256 under the id key when encrypted
 * @param length plaintext length in bytes
 */
public record ChunkRef(String id, int length) { }
