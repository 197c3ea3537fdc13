/**
 * The {@code config} backup unit: settings, policies and {@code .env} files, with their modes,
 * links and empty directories. Before restored files replace live ones, their syntax is checked
 * (JSON, YAML, properties, {@code .env}, XML) and a broken file stops the restore.
 *
 * @provides dev.cairn.framework.unit.BackupUnit the {@code config} unit
 */
module dev.cairn.units.config {
    requires dev.cairn.framework;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires java.xml;

    provides dev.cairn.framework.unit.BackupUnit with dev.cairn.units.config.internal.ConfigUnit;
}
