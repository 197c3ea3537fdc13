package dev.cairn.units.files.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code chunking} option of the {@code files} unit:
 * <ul>
 *   <li>{@code default} (or unset): the repository's content-defined chunking;</li>
 *   <li>{@code large}: content-defined chunking with large chunks, for huge files that change as a whole;</li>
 *   <li>{@code fine}: content-defined chunking with chunks a quarter of the repository's, for large files
 *       changed in a few places (what the {@code models} unit uses for model weights);</li>
 *   <li>{@code fixed:<size>}: fixed-size chunks, for files rewritten in place at fixed offsets (disk
 *       images, page-structured stores). The size is in bytes, or with a suffix {@code k}/{@code KiB},
 *       {@code m}/{@code MiB} (powers of 1024), between {@value ChunkingPolicy#MIN_FIXED} and
 *       {@value ChunkingPolicy#MAX_FIXED} bytes.</li>
 * </ul>
 */
final class ChunkingOption {

    /** The option's name. */
    static final String KEY = "chunking";

    private static final Pattern FIXED = Pattern.compile("fixed:(\\d{1,10})\\s*(|b|k|kib|m|mib)");

    private ChunkingOption() {
    }

    /**
     * {@return the chunking the option asks for, empty for the unit's default}
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} naming the option when its value is invalid
     */
    static Optional<ChunkingPolicy> read(ConfigView config) {
        Optional<String> raw = config.get(KEY);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.get().trim().toLowerCase(Locale.ROOT);
        if (value.equals("default")) {
            return Optional.empty();
        }
        if (value.equals("large")) {
            return Optional.of(ChunkingPolicy.large());
        }
        if (value.equals("fine")) {
            return Optional.of(ChunkingPolicy.fine());
        }
        Matcher fixed = FIXED.matcher(value);
        if (!fixed.matches()) {
            throw invalid(config, raw.get(), "expected default, large, fine or fixed:<bytes> (e.g. fixed:4096, fixed:1MiB)");
        }
        long size = Long.parseLong(fixed.group(1)) * switch (fixed.group(2)) {
            case "k", "kib" -> 1024L;
            case "m", "mib" -> 1024L * 1024;
            default -> 1L;
        };
        if (size < ChunkingPolicy.MIN_FIXED || size > ChunkingPolicy.MAX_FIXED) {
            throw invalid(config, raw.get(), "a fixed chunk size must be between " + ChunkingPolicy.MIN_FIXED + " and "
                    + ChunkingPolicy.MAX_FIXED + " bytes");
        }
        return Optional.of(ChunkingPolicy.fixed((int) size));
    }

    private static CairnException invalid(ConfigView config, String value, String why) {
        String option = config.prefix().isEmpty() ? KEY : config.prefix() + "." + KEY;
        return new CairnException(CairnException.Kind.CONFIG, "option " + option + " is '" + value + "': " + why);
    }
}
