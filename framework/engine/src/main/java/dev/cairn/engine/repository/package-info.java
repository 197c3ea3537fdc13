/**
 * The repository: content-addressed, deduplicated, compressed and (by default) encrypted storage of
 * snapshot data. The on-disk format is a public contract, described in {@code docs/REPOSITORY.md}.
 * {@link dev.cairn.engine.repository.Repository} is the entry point; the implementation lives in
 * {@code dev.cairn.engine.repository.internal}.
 */
package dev.cairn.engine.repository;
