/**
 * The {@code db} backup unit: consistent hot backups of live SQLite databases through SQLite's own
 * Online Backup API, cut into page-aligned chunks, and smoke-tested with {@code integrity_check} and
 * {@code foreign_key_check} before a restore replaces anything. Exports nothing; see
 * {@code dev.cairn.units.db.internal} for the method and its measurements.
 *
 * @provides dev.cairn.framework.unit.BackupUnit the {@code db} unit
 */
module dev.cairn.units.db {
    requires dev.cairn.framework;
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    provides dev.cairn.framework.unit.BackupUnit with dev.cairn.units.db.internal.SqliteUnit;
}
