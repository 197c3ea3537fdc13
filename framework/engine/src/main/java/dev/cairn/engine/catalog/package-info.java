/**
 * The snapshot catalog: summaries of a repository's snapshots (for strategies, {@code cairn
 * snapshots}, retention) and resolution of user-given snapshot references such as {@code latest}.
 */
package dev.cairn.engine.catalog;
