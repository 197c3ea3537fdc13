/**
 * Snapshot manifests: the complete, self-contained description of one backup (items with their
 * chunk lists and metadata, units, strategy and baseline, governance) and its Merkle
 * {@code root_hash}. Schema: {@code schemas/backup-manifest.schema.json}.
 */
package dev.cairn.engine.snapshot;
