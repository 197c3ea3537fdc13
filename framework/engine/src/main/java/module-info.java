/**
 * Cairn's engine: finds plugins, reads install profiles, and runs backups, restores, verification,
 * retention and the audit trail over a repository.
 *
 * @uses dev.cairn.framework.unit.BackupUnit backup units, from the module path and plugins/*.jar
 * @uses dev.cairn.framework.strategy.Strategy backup strategies
 * @uses dev.cairn.framework.export.Exporter exporters
 */
module dev.cairn.engine {
    requires transitive dev.cairn.framework;
    requires transitive com.fasterxml.jackson.databind;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires com.github.luben.zstd_jni;
    requires org.bouncycastle.provider;

    exports dev.cairn.engine;
    exports dev.cairn.engine.catalog;
    exports dev.cairn.engine.audit;
    exports dev.cairn.engine.repository;
    exports dev.cairn.engine.retention;
    exports dev.cairn.engine.snapshot;
    exports dev.cairn.engine.registry;
    exports dev.cairn.engine.profile;
    exports dev.cairn.engine.archiver;
    exports dev.cairn.engine.restorer;

    opens dev.cairn.engine.snapshot to com.fasterxml.jackson.databind;
    opens dev.cairn.engine.repository to com.fasterxml.jackson.databind;

    uses dev.cairn.framework.unit.BackupUnit;
    uses dev.cairn.framework.strategy.Strategy;
    uses dev.cairn.framework.export.Exporter;
}
