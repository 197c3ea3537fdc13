/**
 * A deterministic generator of a realistic application install (SQLite database, rotated logs,
 * uploads, transcripts, config, a certificate and key, two fp16-like model files) and of one day of
 * changes to it. The same seed and scale always give the same bytes.
 */
package dev.cairn.bench.generator;
