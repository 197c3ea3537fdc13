/**
 * Cairn's benchmark harness: {@link dev.cairn.bench.BenchMain} dispatches to the install generator,
 * the side-by-side comparison with restic and borg, and the frame-budget probe. JMH microbenchmarks
 * live in {@code dev.cairn.bench.jmh}. See docs/PERFORMANCE.md.
 */
package dev.cairn.bench;
