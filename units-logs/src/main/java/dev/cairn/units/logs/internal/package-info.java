/**
 * The {@code logs} unit. {@link dev.cairn.units.logs.internal.LogsUnit} streams its paths with
 * {@link dev.cairn.framework.unit.FileTreeSupport}, marking active logs append-only as
 * {@link dev.cairn.units.logs.internal.LogNames} tells them from rotated ones;
 * {@link dev.cairn.units.logs.internal.GzipCheck} decompresses restored {@code .gz} files for the smoke
 * test and {@link dev.cairn.units.logs.internal.LogSuggestions} picks logs for {@code cairn init}.
 */
package dev.cairn.units.logs.internal;
