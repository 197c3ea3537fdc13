package dev.cairn.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Initializes Jackson's {@link ObjectMapper} on a second thread while the main thread builds the command
 * line: the first mapper of a process costs 47-67 ms on a cold JVM (its class initialization: date
 * formats, type factory, introspectors), and nearly every command makes one (the install profile, the
 * repository's key slots and locks, the audit summary, {@code --json}). Only a named command starts it,
 * by the same test that picks the command line {@link CairnCommand#commandLineFor} builds: help, version
 * and a misspelt command read no JSON.
 */
final class JsonWarmUp {

    private JsonWarmUp() {
    }

    /** Starts the warm-up when {@code args} name a command to run. */
    static void startFor(String[] args) {
        if (!CairnCommand.namesCommand(args)) {
            return;
        }
        Thread thread = new Thread(ObjectMapper::new, "cairn-json-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
