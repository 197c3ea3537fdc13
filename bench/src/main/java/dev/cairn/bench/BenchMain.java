package dev.cairn.bench;

import dev.cairn.bench.compare.CompareCommand;
import dev.cairn.bench.generator.GeneratorSettings;
import dev.cairn.bench.generator.InstallGenerator;
import dev.cairn.bench.generator.InstallPart;
import dev.cairn.bench.probe.FrameBudgetProbe;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bench command line:
 * <pre>
 * generate --out DIR [--profile FILE] [--seed N] [--scale S] [--parts db,config,logs,uploads,transcripts,certs,models]
 * mutate   --install DIR [--seed N] [--scale S] [--day N] [--parts ...]
 * compare  [options]          (see {@link dev.cairn.bench.compare.CompareSettings#USAGE})
 * probe    --out FILE --stop-file FILE [--hz 60] [--work-ms 8]
 * </pre>
 * Exit codes: 0 done, 1 failure, 2 bad usage.
 */
public final class BenchMain {

    private static final long DEFAULT_SEED = 20_260_101L;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (args[0]) {
            case "generate" -> generate(rest);
            case "mutate" -> mutate(rest);
            case "compare" -> CompareCommand.run(rest, Path.of(System.getProperty("cairn.repo.root", ".")));
            case "probe" -> {
                FrameBudgetProbe.main(rest);
                yield 0;
            }
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static int generate(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (!options.containsKey("--out")) {
            System.err.println("generate needs --out DIR");
            return 2;
        }
        Path out = Path.of(options.get("--out")).toAbsolutePath();
        Path profile = Path.of(options.getOrDefault("--profile", out + ".profile.json")).toAbsolutePath();
        GeneratorSettings settings = settings(options);
        long t0 = System.nanoTime();
        new InstallGenerator(settings, parts(options)).generate(out, profile);
        System.out.printf(Locale.ROOT, "generated %s (profile %s) in %.1f s%n", out, profile, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static int mutate(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (!options.containsKey("--install")) {
            System.err.println("mutate needs --install DIR");
            return 2;
        }
        int day = Integer.parseInt(options.getOrDefault("--day", "1"));
        InstallGenerator.DayChanges changes = new InstallGenerator(settings(options), parts(options))
                .applyDay(Path.of(options.get("--install")), day);
        System.out.printf("day %d applied: %d DB inserts, %d DB updates, log appends, config edit, new uploads,"
                + " ~1%% of the fine-tuned model rewritten%n", changes.day(), changes.dbInserts(), changes.dbUpdates());
        return 0;
    }

    private static GeneratorSettings settings(Map<String, String> options) {
        return new GeneratorSettings(Long.parseLong(options.getOrDefault("--seed", Long.toString(DEFAULT_SEED))),
                Double.parseDouble(options.getOrDefault("--scale", "1.0")));
    }

    private static Set<InstallPart> parts(Map<String, String> options) {
        if (!options.containsKey("--parts")) {
            return EnumSet.allOf(InstallPart.class);
        }
        Set<InstallPart> parts = EnumSet.noneOf(InstallPart.class);
        for (String part : options.get("--parts").split(",")) {
            parts.add(InstallPart.valueOf(part.trim().toUpperCase(Locale.ROOT)));
        }
        return parts;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static void usage() {
        System.err.println("""
                usage: bench generate --out DIR [--profile FILE] [--seed N] [--scale S] [--parts db,config,...]
                       bench mutate --install DIR [--seed N] [--scale S] [--day N] [--parts ...]
                       bench compare [options]
                       bench probe --out FILE --stop-file FILE [--hz 60] [--work-ms 8]
                """ + dev.cairn.bench.compare.CompareSettings.USAGE);
    }
}
