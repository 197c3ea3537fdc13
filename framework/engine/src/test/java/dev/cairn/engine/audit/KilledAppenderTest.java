package dev.cairn.engine.audit;

import dev.cairn.engine.audit.AuditVerification.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real process with SIGKILL while it appends as fast as it can, several times, and shows that
 * the trail is then either intact or reports an interrupted append, and that the next append leaves it
 * intact with every event kept.
 */
class KilledAppenderTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 42);
    }

    /** The child process: appends events to the trail in {@code args[0]} until it is killed. */
    public static void main(String[] args) {
        try (AuditTrail trail = AuditTrail.open(Path.of(args[0]), HexFormat.of().parseHex(args[1]))) {
            for (long n = 0; ; n++) {
                trail.append(AuditEntry.of(AuditEventType.BACKUP, null, Map.of("n", n, "pad", "x".repeat((int) (n % 50)))));
            }
        }
    }

    @TempDir
    Path temp;

    @Test
    void killedAppenderLeavesAVerifiableTrail() throws Exception {
        Path dir = temp.resolve("trail");
        long before = 0;
        for (int round = 1; round <= 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledAppenderTest.class.getName(),
                    dir.toString(), HexFormat.of().formatHex(KEY))
                    .redirectErrorStream(true).redirectOutput(temp.resolve("child-" + round + ".log").toFile()).start();
            long target = before + 20 + round * 7L;
            waitForLines(child, dir.resolve(AuditTrail.CHAIN), target);
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);

            try (AuditTrail trail = AuditTrail.open(dir, KEY)) {
                AuditVerification v = trail.verify();
                assertTrue(v.status() == Status.INTACT || v.status() == Status.INTERRUPTED_APPEND, v.findings()::toString);
                AuditEvent marker = trail.append(AuditEntry.of(AuditEventType.VERIFY, null, Map.of("round", round)));
                AuditVerification after = trail.verify();
                assertEquals(Status.INTACT, after.status(), after.findings()::toString);
                List<AuditEvent> events = trail.events();
                assertEquals(marker.seq(), events.size());
                assertTrue(events.size() >= target, "every event of the killed process is still there");
                before = events.size();
            }
        }
    }

    /** Waits until the child has appended {@code lines} events (fails if it exits first). */
    private static void waitForLines(Process child, Path chain, long lines) throws IOException, InterruptedException {
        while (!Files.exists(chain) || Files.size(chain) < lines * ChainFile.LINE_BYTES) {
            if (!child.isAlive()) {
                throw new AssertionError("the appender exited with " + child.exitValue() + " before it was killed");
            }
            Thread.sleep(5);
        }
    }
}
