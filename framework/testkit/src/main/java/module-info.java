/**
 * Contract tests and fakes for backup-unit authors: implement
 * {@link dev.cairn.testkit.BackupUnitContract} in the unit's test class to run the checks every unit
 * must pass, and use {@link dev.cairn.testkit.RecordingSink} and {@link dev.cairn.testkit.TestUnitContext}
 * for fast tests of your own.
 */
module dev.cairn.testkit {
    requires transitive dev.cairn.framework;
    requires transitive org.junit.jupiter.api;

    exports dev.cairn.testkit;
}
