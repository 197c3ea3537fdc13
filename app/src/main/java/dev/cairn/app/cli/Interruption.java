package dev.cairn.app.cli;

import dev.cairn.framework.Cancellation;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during a command that can stop cleanly into a cancellation of that
 * command, and gives it time to stop: the JVM runs its shutdown hooks on these signals and halts when
 * they return, so without this a backup died wherever it was, leaving its scratch copies of databases
 * in the temporary directory and its lock in the repository. The hook asks the command to stop, then
 * waits (at most {@link #GRACE_SECONDS}) until it has unwound: a backup aborts its session, publishes
 * nothing, deletes its scratch directories and releases its lock. The process then ends with the
 * signal's status (130 after SIGINT, 143 after SIGTERM), as before.
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

    /** Marks a command that stops on interruption as running; the first call installs the shutdown hook. */
    synchronized void enter(PrintWriter messages) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::interrupted, "cairn-interrupted"));
            hookInstalled = true;
        }
        err = messages;
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
        err.println("cairn: interrupted: stopping; nothing of this run is published (waiting up to "
                + GRACE_SECONDS + " s for it to clean up)");
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
