package dev.cairn.bench.compare;

import dev.cairn.bench.probe.FrameStats;

/**
 * One frame-budget probe run beside a first backup.
 *
 * @param frames the probe's statistics
 * @param backup the backup it ran beside
 */
public record ProbeResult(FrameStats frames, Measurement backup) { }
