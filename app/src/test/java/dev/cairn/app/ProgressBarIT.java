package dev.cairn.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backup's progress bar is drawn on standard error exactly when standard error is a terminal,
 * whatever standard output is: never into a file standard error is redirected to, and on the terminal
 * when only standard output is redirected. Runs the launcher on a real pseudo-terminal.
 */
class ProgressBarIT {

    /** What only the bar writes: a carriage return before its opening bracket, and erase-to-end-of-line. */
    private static final String BAR_START = "\r[";
    private static final String ERASE_LINE = "\033[K";

    @Test
    void aBarIsNeverWrittenIntoARedirectedStandardError(@TempDir Path dir) throws Exception {
        Cli cli = new Cli(Cli.dist(), dir.resolve("home"));
        Path errors = dir.resolve("errors.log");

        Cli.Result run = cli.runInTerminal("2>" + errors, "backup");

        assertEquals(0, run.exit(), () -> "exit " + run.exit() + ": " + run.out());
        assertTrue(run.out().contains("saved"), "the summary is on the terminal: " + run.out());
        String log = Files.readString(errors);
        assertTrue(log.contains("created the default repository"), "the notices are in the file: " + log);
        assertFalse(log.contains(BAR_START) || log.contains(ERASE_LINE), "no progress bar in the file: " + log);
    }

    @Test
    void aBarIsDrawnOnTheTerminalWhenOnlyStandardOutputIsRedirected(@TempDir Path dir) throws Exception {
        Cli cli = new Cli(Cli.dist(), dir.resolve("home"));
        Path output = dir.resolve("output.txt");

        Cli.Result run = cli.runInTerminal(">" + output, "backup");

        String summary = Files.readString(output);
        assertEquals(0, run.exit(), () -> "exit " + run.exit() + ": " + run.out() + summary);
        assertTrue(summary.contains("saved"), "the summary is in the file: " + summary);
        assertFalse(summary.contains(BAR_START), "no progress bar in standard output: " + summary);
        assertTrue(run.out().contains(BAR_START) && run.out().contains("] 100%"), "the bar is on the terminal: " + run.out());
    }
}
