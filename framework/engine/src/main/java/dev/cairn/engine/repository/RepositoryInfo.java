package dev.cairn.engine.repository;

/**
 * What {@code cairn init} fixed for a repository.
 *
 * @param id            the repository id (64 hex characters)
 * @param formatVersion the on-disk format version
 * @param encrypted     whether blobs, indexes and snapshots are encrypted
 * @param chunkerMin    FastCDC minimum chunk size
 * @param chunkerAvg    FastCDC normal chunk size
 * @param chunkerMax    FastCDC maximum chunk size
 */
public record RepositoryInfo(String id, int formatVersion, boolean encrypted, int chunkerMin, int chunkerAvg, int chunkerMax) { }
