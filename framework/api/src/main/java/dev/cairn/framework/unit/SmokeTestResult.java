package dev.cairn.framework.unit;

import java.util.Objects;

/** The result of {@link BackupUnit#smokeTest}. */
public sealed interface SmokeTestResult permits SmokeTestResult.Passed, SmokeTestResult.Failed {

    /** {@return a pass} */
    static SmokeTestResult passed() {
        return Passed.INSTANCE;
    }

    /** {@return a failure with the reason shown to the user} */
    static SmokeTestResult failed(String reason) {
        return new Failed(reason);
    }

    /** The staged files look right. */
    record Passed() implements SmokeTestResult {
        static final Passed INSTANCE = new Passed();
    }

    /** The staged files must not replace the live ones. */
    record Failed(String reason) implements SmokeTestResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
