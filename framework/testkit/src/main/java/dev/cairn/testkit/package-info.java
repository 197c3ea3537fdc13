/**
 * The unit testkit. {@link dev.cairn.testkit.BackupUnitContract} holds the contract every
 * {@link dev.cairn.framework.unit.BackupUnit} passes (stable id, side-effect-free plan, cancellation,
 * failures as outcomes, determinism); {@link dev.cairn.testkit.RecordingSink} and
 * {@link dev.cairn.testkit.TestUnitContext} are in-memory fakes of the engine's side.
 */
package dev.cairn.testkit;
