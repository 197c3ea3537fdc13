/**
 * The {@code config} unit. {@link dev.cairn.units.config.internal.ConfigUnit} plans and streams its
 * paths with {@link dev.cairn.framework.unit.FileTreeSupport};
 * {@link dev.cairn.units.config.internal.ConfigFormat} tells a file's format from its name,
 * {@link dev.cairn.units.config.internal.SyntaxChecker} parses staged files for the restore smoke test
 * ({@link dev.cairn.units.config.internal.DotEnvSyntax} for {@code .env} files), and
 * {@link dev.cairn.units.config.internal.ConfigSuggestions} picks config-like files for {@code cairn init}.
 */
package dev.cairn.units.config.internal;
