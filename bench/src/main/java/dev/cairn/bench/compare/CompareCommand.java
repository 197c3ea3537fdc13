package dev.cairn.bench.compare;

import java.nio.file.Path;

/**
 * {@code compare}: runs {@link Comparison} and prints its {@link Report}. Exit code 0 when the
 * comparison ran (whatever the targets say), 2 on bad options, 1 when the harness itself failed.
 */
public final class CompareCommand {

    private CompareCommand() {
    }

    /** Runs the comparison; {@code repoRoot} locates the default Cairn launcher. */
    public static int run(String[] args, Path repoRoot) {
        CompareSettings settings;
        try {
            settings = CompareSettings.parse(args, repoRoot.resolve("app/target/cairn/bin/cairn").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            return 2;
        }
        Comparison comparison = new Comparison(settings);
        try {
            comparison.run();
        } catch (Exception e) {
            System.err.println("compare: the harness failed: " + e);
            e.printStackTrace();
            return 1;
        }
        Report report = new Report(comparison);
        report.print(System.out);
        if (settings.jsonOut() != null) {
            try {
                report.writeJson(settings.jsonOut());
                System.out.println("results written to " + settings.jsonOut());
            } catch (java.io.IOException e) {
                System.err.println("compare: cannot write " + settings.jsonOut() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
