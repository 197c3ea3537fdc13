package dev.cairn.app.cli;

import dev.cairn.framework.Cancellation;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during a command that can stop cleanly into a cancellation of that
 * command, and gives it time to stop: the JVM runs its shutdown hooks on these signals and halts when
 * they return, so without this a backup died wherever it was, leaving its scratch copies of databases
 * in the temporary directory and its lock in the repository, and an in-place restore could stop halfway
 * through moving files into place. The hook asks the command to stop, then waits (at most
 * {@link #GRACE_SECONDS}) until it has unwound: a backup aborts its session, publishes nothing, deletes
 * its scratch directories and releases its lock; a restore deletes what it staged and leaves the install
 * as it was, or, when the signal comes during its swap into place, finishes the swap first. The process
 * then ends with the signal's status (130 after SIGINT, 143 after SIGTERM), as before.
 *
 * <p>Commands opt in ({@link CairnSubcommand#stopsOnInterrupt()}); others end at once, as they always did.
 */
final class Interruption implements Cancellation {

    /** The longest a signal waits for a command to stop before the JVM halts anyway. */
    static final long GRACE_SECONDS = 30;

    private static final Interruption PROCESS = new Interruption();

    private volatile boolean requested;
    private int running;            // guarded by this
    private boolean hookInstalled;  // guarded by this
    private PrintWriter err;        // guarded by this: where the latest command reports
    private String notice;          // guarded by this: what stopping means for it

    private Interruption() {
    }

    /** {@return the process's interruption: a cancellation that is requested once a signal arrives} */
    static Interruption process() {
        return PROCESS;
    }

    @Override
    public boolean isCancelled() {
        return requested;
    }

    /**
     * Marks a command that stops on interruption as running; the first call installs the shutdown hook.
     *
     * @param messages where the command reports
     * @param stopping what stopping means for the command, printed when a signal comes
     */
    synchronized void enter(PrintWriter messages, String stopping) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::interrupted, "cairn-interrupted"));
            hookInstalled = true;
        }
        err = messages;
        notice = stopping;
        running++;
    }

    /** Marks that command as finished: everything it must clean up is cleaned up. */
    synchronized void leave() {
        running--;
        notifyAll();
    }

    /** The shutdown hook: runs on a signal, and also on a normal exit, when no command is running any more. */
    private synchronized void interrupted() {
        requested = true;
        if (running == 0) {
            return;
        }
        err.println("cairn: interrupted: " + notice + " (waiting up to " + GRACE_SECONDS + " s for it to clean up)");
        err.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        try {
            for (long left = deadline - System.nanoTime(); running > 0 && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
