package dev.cairn.units.config.internal;

import java.util.Locale;
import java.util.Optional;

/** The config file formats the {@code config} unit knows, told apart by file name. */
enum ConfigFormat {
    /** One JSON value per file ({@code .json}, {@code .jsonc}). */
    JSON("JSON"),
    /** One JSON value per line ({@code .jsonl}, {@code .ndjson}). */
    JSON_LINES("JSON Lines"),
    /** YAML, possibly several documents ({@code .yaml}, {@code .yml}). */
    YAML("YAML"),
    /** Java properties ({@code .properties}). */
    PROPERTIES("properties"),
    /** {@code KEY=VALUE} lines ({@code .env}, {@code .env.local}, {@code app.env}). */
    DOTENV(".env"),
    /** XML ({@code .xml}). */
    XML("XML"),
    /** Formats kept and restored but not parsed ({@code .toml}, {@code .ini}, {@code .conf}, {@code .cfg}). */
    UNCHECKED("unchecked");

    private final String displayName;

    ConfigFormat(String displayName) {
        this.displayName = displayName;
    }

    /** {@return the name used in messages} */
    String displayName() {
        return displayName;
    }

    /** {@return the format of a file called {@code fileName}, empty when it does not look like config} */
    static Optional<ConfigFormat> of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
            return Optional.of(DOTENV);
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (name.substring(dot + 1)) {
            case "json", "jsonc" -> Optional.of(JSON);
            case "jsonl", "ndjson" -> Optional.of(JSON_LINES);
            case "yaml", "yml" -> Optional.of(YAML);
            case "properties" -> Optional.of(PROPERTIES);
            case "xml" -> Optional.of(XML);
            case "toml", "ini", "conf", "cfg" -> Optional.of(UNCHECKED);
            default -> Optional.empty();
        };
    }
}
