package dev.cairn.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Initializes Jackson's {@link ObjectMapper} on a second thread while the main thread builds the command
 * line: the first mapper of a process costs 47-67 ms on a cold JVM (its class initialization: date
 * formats, type factory, introspectors), and nearly every command makes one (the install profile, the
 * repository's key slots and locks, the audit summary, {@code --json}). Help and version requests, which
 * never read JSON, do not start it.
 */
final class JsonWarmUp {

    private JsonWarmUp() {
    }

    /** Starts the warm-up unless {@code args} ask only for help or the version. */
    static void startFor(String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || args[0].equals("help")) {
            return;
        }
        Thread thread = new Thread(ObjectMapper::new, "cairn-json-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
