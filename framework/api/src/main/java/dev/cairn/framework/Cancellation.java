package dev.cairn.framework;

/**
 * Lets a long-running plugin call notice that the user or the scheduler asked it to stop. Plugins
 * check it between items (and inside long items) and return promptly.
 */
public interface Cancellation {

    /** A cancellation that is never requested. */
    Cancellation NEVER = () -> false;

    /** {@return whether a stop was requested} */
    boolean isCancelled();

    /** Throws a {@link CairnException} of kind {@link CairnException.Kind#CANCELLED} when a stop was requested. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CairnException(CairnException.Kind.CANCELLED, "cancelled");
        }
    }
}
