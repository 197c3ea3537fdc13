package dev.cairn.engine.repository;

/**
 * What prune removed (or would remove, in a dry run).
 *
 * @param blobsRemoved     unreferenced blobs dropped
 * @param packsDeleted     pack files deleted whole
 * @param packsRewritten   pack files rewritten without their unused blobs
 * @param bytesFreed       bytes of repository files freed
 * @param dryRun           whether nothing was changed
 */
public record PruneReport(long blobsRemoved, int packsDeleted, int packsRewritten, long bytesFreed, boolean dryRun) { }
