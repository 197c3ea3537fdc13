/**
 * The {@code cairn} command line (picocli). The only package allowed to print to standard output and
 * standard error. Exit codes are documented in {@link dev.cairn.app.cli.ExitCodes} and docs/CLI.md.
 */
package dev.cairn.app.cli;
