/**
 * The {@code logs} backup unit: active and rotated log files with their modes, links and empty
 * directories. Active logs are marked append-only so the engine reads only their new tail when the
 * previously stored end is unchanged; restored gzip archives are decompressed as a smoke test.
 *
 * @provides dev.cairn.framework.unit.BackupUnit the {@code logs} unit
 */
module dev.cairn.units.logs {
    requires dev.cairn.framework;

    provides dev.cairn.framework.unit.BackupUnit with dev.cairn.units.logs.internal.LogsUnit;
}
