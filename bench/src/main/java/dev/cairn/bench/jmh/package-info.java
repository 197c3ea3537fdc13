/**
 * JMH microbenchmarks of the backup pipeline's stages: content-defined chunking (a gear-hash scan
 * floor and the engine's chunking through {@code BackupWriter.store}), hashing (SHA-256, HMAC-SHA256),
 * zstd compression, AES-256-GCM, pack writing (store + commit) and the restore path
 * ({@code Repository.openContent}). Run them with {@code bench/jmh.sh}.
 */
package dev.cairn.bench.jmh;
