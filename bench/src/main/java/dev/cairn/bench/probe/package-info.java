/**
 * The frame-budget probe: a stand-in for a foreground app that renders at 60 Hz with ~8 ms of CPU
 * work per frame, counting the frames that miss the 16.67 ms budget while something else (a backup)
 * runs beside it.
 */
package dev.cairn.bench.probe;
