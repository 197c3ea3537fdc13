/**
 * The Cairn application: the command-line interface and the bundled demo install. The assembled
 * distribution puts this module, the engine and the first-party providers in {@code lib/} and runs
 * it on the module path; providers are bound by service binding, never required here.
 */
module dev.cairn.app {
    requires dev.cairn.engine;
    requires info.picocli;
    // The demo install creates a real SQLite database.
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    opens dev.cairn.app.cli to info.picocli;
}
