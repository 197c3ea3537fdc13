/**
 * The file-system implementation of {@link dev.cairn.engine.repository.Repository}: FastCDC and fixed
 * chunkers, blob ids, zstd, AES-256-GCM, key slots, packs, index files, snapshot files, locks,
 * verify and prune. The byte formats are specified in {@code docs/REPOSITORY.md}; each format class
 * ({@link dev.cairn.engine.repository.internal.PackFormat}, {@code IndexFile}, {@code SnapshotFile},
 * {@code Envelope}, {@code RepositoryConfig}, {@code KeySlotFile}) repeats its layout in its javadoc.
 * Outside the repository directory: {@code FactsCache} and {@code ItemsCache} (in {@code FactsCodec}'s and
 * {@code ItemsCodec}'s forms, over {@code CacheFiles}),
 * the local, authenticated caches of snapshot facts and of recent snapshots' items.
 */
package dev.cairn.engine.repository.internal;
