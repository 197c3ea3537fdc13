package dev.cairn.units.models.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code layout} option of the {@code models} unit:
 * <ul>
 *   <li>{@code auto} (or unset): decided per file by {@link WeightLayouts};</li>
 *   <li>{@code words16}: every file holds little-endian 16-bit numbers;</li>
 *   <li>{@code bytes}: every file is compressed as plain bytes.</li>
 * </ul>
 */
enum LayoutOption {
    AUTO, WORDS16, BYTES;

    /** The option's name. */
    static final String KEY = "layout";

    /**
     * {@return the layout the option asks for}
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} naming the option when its value is invalid
     */
    static LayoutOption read(ConfigView config) {
        Optional<String> raw = config.get(KEY);
        if (raw.isEmpty()) {
            return AUTO;
        }
        return switch (raw.get().trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "words16" -> WORDS16;
            case "bytes" -> BYTES;
            default -> {
                String option = config.prefix().isEmpty() ? KEY : config.prefix() + "." + KEY;
                throw new CairnException(CairnException.Kind.CONFIG, "option " + option + " is '" + raw.get()
                        + "': expected auto, words16 or bytes");
            }
        };
    }
}
