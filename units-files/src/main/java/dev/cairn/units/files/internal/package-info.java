/**
 * The {@code files} unit. {@link dev.cairn.units.files.internal.FilesUnit} streams its paths with
 * {@link dev.cairn.framework.unit.FileTreeSupport}; {@link dev.cairn.units.files.internal.ChunkingOption}
 * reads the {@code chunking} option and {@link dev.cairn.units.files.internal.FileSuggestions} picks
 * data directories for {@code cairn init}.
 */
package dev.cairn.units.files.internal;
