package dev.cairn.framework.export;

import java.util.Objects;

/** How an export ended. */
public sealed interface ExportOutcome permits ExportOutcome.Succeeded, ExportOutcome.Failed {

    /** {@return a success after sending and verifying {@code files} files, {@code bytes} bytes} */
    static ExportOutcome succeeded(long files, long bytes) {
        return new Succeeded(files, bytes);
    }

    /** {@return a failure with a message and an optional cause} */
    static ExportOutcome failed(String message, Throwable cause) {
        return new Failed(message, cause);
    }

    /** Every file arrived and was verified. */
    record Succeeded(long files, long bytes) implements ExportOutcome { }

    /** The export did not complete; what was sent is not to be trusted. */
    record Failed(String message, Throwable cause) implements ExportOutcome {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}
