package dev.cairn.engine.repository.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Locks in {@code locks/}: one JSON file per holder ({@code pid}, {@code hostname}, {@code exclusive},
 * {@code operation}, {@code created} and {@code heartbeat} in epoch milliseconds). A holder rewrites
 * its heartbeat every {@link #HEARTBEAT_MILLIS}. A lock is stale, and removed by whoever meets it, when
 * its heartbeat is older than {@link #STALE_MILLIS} or when it was taken on this host by a process
 * that no longer runs. Shared locks (backup, verify) coexist; an exclusive lock (prune, forget)
 * excludes every other lock. Taking a lock: publish our file, then list the others; on a conflict,
 * delete ours and fail with LOCKED naming the holder.
 */
final class LockManager {

    static final long HEARTBEAT_MILLIS = 60_000;
    static final long STALE_MILLIS = 10 * 60_000;

    private static final System.Logger LOG = System.getLogger(LockManager.class.getName());
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-lock-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final Path dir;

    LockManager(Path dir) {
        this.dir = dir;
    }

    /** A held lock; closing deletes its file. */
    final class Lock implements AutoCloseable {
        private final Path file;
        private final ObjectNode content;
        private final ScheduledFuture<?> heartbeat;
        private boolean released;

        private Lock(Path file, ObjectNode content) {
            this.file = file;
            this.content = content;
            this.heartbeat = HEARTBEATS.scheduleWithFixedDelay(this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        }

        private synchronized void beat() {
            if (released) {
                return;
            }
            try {
                content.put("heartbeat", System.currentTimeMillis());
                AtomicFiles.publish(file, Json.bytes(content), true);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot refresh lock " + file + ": " + e.getMessage());
            }
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                heartbeat.cancel(false);
                try {
                    AtomicFiles.deleteDurably(file);
                } catch (RepositoryException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove lock " + file + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Takes a lock.
     *
     * @throws RepositoryException LOCKED when a conflicting live lock exists
     */
    Lock acquire(boolean exclusive, String operation) {
        long now = System.currentTimeMillis();
        ObjectNode content = Json.object();
        content.put("format", 1);
        content.put("pid", ProcessHandle.current().pid());
        content.put("hostname", hostname());
        content.put("exclusive", exclusive);
        content.put("operation", operation);
        content.put("created", now);
        content.put("heartbeat", now);
        String name = Hex.of(Crypto.random(16));
        Path file = dir.resolve(name);
        AtomicFiles.createDirectories(dir);
        AtomicFiles.publish(file, Json.bytes(content), false);
        for (Path other : list()) {
            if (other.getFileName().toString().equals(name)) {
                continue;
            }
            JsonNode holder = readLive(other);
            if (holder != null && (exclusive || holder.path("exclusive").asBoolean(true))) {
                AtomicFiles.deleteDurably(file);
                throw new RepositoryException(CairnException.Kind.LOCKED, "the repository is locked by "
                        + describe(holder) + "; wait for it to finish, or remove locks/" + other.getFileName() + " if that process is gone",
                        "locks/" + other.getFileName(), null);
            }
        }
        return new Lock(file, content);
    }

    private List<Path> list() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}")).toList();
        } catch (IOException e) {
            throw AtomicFiles.io("cannot list locks", dir, e);
        }
    }

    /** {@return the lock's content, or {@code null} when it is gone or stale (then it is removed)} */
    private JsonNode readLive(Path file) {
        String where = "locks/" + file.getFileName();
        JsonNode n;
        try {
            n = Json.parse(Json.readSmall(file, where), where);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read lock", file, e);
        } catch (RepositoryException e) {
            LOG.log(System.Logger.Level.WARNING, "removing unreadable lock " + where + ": " + e.getMessage());
            AtomicFiles.deleteDurably(file);
            return null;
        }
        long heartbeat = n.path("heartbeat").asLong(0);
        boolean expired = System.currentTimeMillis() - heartbeat > STALE_MILLIS;
        boolean deadHere = hostname().equals(n.path("hostname").asText())
                && ProcessHandle.of(n.path("pid").asLong(-1)).map(ph -> !ph.isAlive()).orElse(true);
        if (expired || deadHere) {
            LOG.log(System.Logger.Level.INFO, "removing stale lock " + where + " of " + describe(n));
            AtomicFiles.deleteDurably(file);
            return null;
        }
        return n;
    }

    private static String describe(JsonNode n) {
        return (n.path("exclusive").asBoolean(true) ? "an exclusive" : "a shared") + " lock of '" + n.path("operation").asText("?")
                + "' (pid " + n.path("pid").asLong(-1) + " on " + n.path("hostname").asText("?") + ", since "
                + Instant.ofEpochMilli(n.path("created").asLong(0)) + ")";
    }

    /** {@return this machine's name, without touching the network} */
    static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc) && Files.size(etc) < 1024) {
                String s = Files.readString(etc, StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through to the next source
        }
        String win = System.getenv("COMPUTERNAME");
        return win != null && !win.isBlank() ? win.trim() : "unknown-host";
    }
}
