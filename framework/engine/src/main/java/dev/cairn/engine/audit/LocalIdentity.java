package dev.cairn.engine.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The OS user and host name recorded as an event's actor, found without any network API. */
final class LocalIdentity {

    private LocalIdentity() {
    }

    /** {@return the OS user running Cairn, or {@code unknown}} */
    static String user() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    /** {@return this machine's name from {@code HOSTNAME} or {@code /etc/hostname}, or {@code localhost}} */
    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/hostname"), StandardCharsets.UTF_8);
            if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                return lines.get(0).strip();
            }
        } catch (IOException | RuntimeException noHostFile) {
            // not a Unix-like system, or unreadable: fall through
        }
        return "localhost";
    }
}
