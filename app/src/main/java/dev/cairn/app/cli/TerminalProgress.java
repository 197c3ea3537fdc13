package dev.cairn.app.cli;

import dev.cairn.engine.archiver.BackupListener;
import dev.cairn.framework.Issue;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on the terminal (standard error): bytes, files, rate and ETA, redrawn at
 * most five times a second. Used only when standard error is a terminal and neither --json nor --quiet
 * is given.
 */
final class TerminalProgress implements BackupListener {

    /** The system property in which the launcher says whether standard error is a terminal. */
    static final String STDERR_TERMINAL = "cairn.stderr.terminal";

    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private volatile long totalBytes;
    private volatile long totalFiles;
    private volatile long lastDraw;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** {@return a progress bar when standard error is a terminal and it is allowed, else a listener that prints nothing} */
    static BackupListener forTerminal(GlobalOptions options, PrintWriter err) {
        return standardErrorIsTerminal() && !options.json && !options.quiet ? new TerminalProgress(err) : BackupListener.NOOP;
    }

    /**
     * {@return whether standard error is a terminal} The launcher tests it ({@code [ -t 2 ]}) and says so
     * in {@value #STDERR_TERMINAL}; Java cannot ask about standard error alone ({@link System#console()}
     * answers for standard input and output, so a bar went into {@code 2>log} files and was missing from
     * {@code >out} runs). Without the launcher (tests, an embedding) the console's answer is used.
     */
    static boolean standardErrorIsTerminal() {
        String said = System.getProperty(STDERR_TERMINAL);
        return said != null ? Boolean.parseBoolean(said) : System.console() != null;
    }

    @Override
    public void planned(long files, long bytes) {
        totalFiles = files;
        totalBytes = bytes;
    }

    @Override
    public void bytesProcessed(long n) {
        bytes.addAndGet(n);
        draw(false);
    }

    @Override
    public void reused(String path, long n) {
        bytes.addAndGet(n);
        files.incrementAndGet();
        draw(false);
    }

    @Override
    public void itemFinished(String path) {
        files.incrementAndGet();
        draw(false);
    }

    @Override
    public void issue(Issue issue) {
        synchronized (this) {
            err.print("\r\033[K");
            err.println(issue);
            err.flush();
        }
    }

    @Override
    public void unitFinished(String unitId, String outcome) {
        draw(true);
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(0.001, (now - startNanos) / 1e9);
        long done = bytes.get();
        double rate = done / secs;
        long total = Math.max(totalBytes, done);
        int pct = total == 0 ? 100 : (int) (100 * done / total);
        int width = 24;
        int filled = width * pct / 100;
        String eta = rate > 0 && total > done ? eta((long) ((total - done) / rate)) : "0:00";
        String line = String.format(Locale.ROOT, "\r[%s%s] %3d%%  %d/%d files  %s/%s  %s/s  ETA %s\033[K",
                "#".repeat(filled), ".".repeat(width - filled), pct, files.get(), totalFiles,
                CairnSubcommand.bytes(done), CairnSubcommand.bytes(total), CairnSubcommand.bytes((long) rate), eta);
        synchronized (this) {
            err.print(line);
            err.flush();
        }
    }

    /** Ends the bar's line. */
    void finish() {
        draw(true);
        err.println();
        err.flush();
    }

    private static String eta(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
