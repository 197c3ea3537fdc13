/**
 * Test support shared by the engine's unit tests: small in-test {@link dev.cairn.framework.unit.BackupUnit}
 * and {@link dev.cairn.framework.strategy.Strategy} implementations (the engine cannot depend on the
 * units or strategies modules), real repositories in a temporary directory, and a fingerprint of a
 * directory tree for "nothing changed" assertions.
 */
package dev.cairn.engine.testing;
