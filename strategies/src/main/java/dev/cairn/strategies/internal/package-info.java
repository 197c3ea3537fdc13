/**
 * The strategy implementations. {@link dev.cairn.strategies.internal.FullStrategy} has no baseline
 * and never reuses; {@link dev.cairn.strategies.internal.IncrementalStrategy} compares with the unit's
 * newest snapshot and {@link dev.cairn.strategies.internal.DifferentialStrategy} with its newest
 * {@code full} one, both reusing a file unread only when its size, modification time, inode and change
 * time are all unchanged. {@link dev.cairn.strategies.internal.Baselines} picks the newest fitting
 * snapshot.
 */
package dev.cairn.strategies.internal;
