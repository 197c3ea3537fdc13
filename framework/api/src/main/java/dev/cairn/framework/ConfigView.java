package dev.cairn.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A read-only view of one plugin's options (the {@code options} object of its entry in the install
 * profile, flattened to dotted keys). A plugin sees only its own view. {@link #toString()} redacts
 * every value whose key looks secret ({@code password}, {@code secret}, {@code token}, {@code key}).
 */
public final class ConfigView {

    private static final ConfigView EMPTY = new ConfigView("", Map.of());

    private final String prefix;
    private final Map<String, String> values;

    private ConfigView(String prefix, Map<String, String> values) {
        this.prefix = prefix;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** {@return a view over {@code values}, whose keys are already relative to {@code prefix}} */
    public static ConfigView of(String prefix, Map<String, String> values) {
        return new ConfigView(prefix, values);
    }

    /** {@return a view with no options} */
    public static ConfigView empty() {
        return EMPTY;
    }

    /** {@return the prefix (usually the plugin id) this view is scoped to, for messages} */
    public String prefix() {
        return prefix;
    }

    /** {@return the option names present} */
    public java.util.Set<String> keys() {
        return values.keySet();
    }

    /** {@return the value of {@code key}, if set} */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** {@return the value of {@code key}, or {@code fallback}} */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** {@return {@code key} as a boolean ({@code true}/{@code false}), or {@code fallback}} */
    public boolean getBoolean(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    /** {@return {@code key} as a long, or {@code fallback}} */
    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number");
        }
    }

    /**
     * {@return {@code key} as a list: the values of {@code key.0}, {@code key.1}, ... (a JSON array),
     * or the single value of {@code key}; empty when unset}
     */
    public List<String> getList(String key) {
        List<String> out = new ArrayList<>();
        if (values.containsKey(key)) {
            out.add(values.get(key));
        }
        for (int i = 0; values.containsKey(key + "." + i); i++) {
            out.add(values.get(key + "." + i));
        }
        return out;
    }

    private CairnException invalid(String key, String value, String expected) {
        String shown = isSecret(key) ? "***" : "'" + value + "'";
        return new CairnException(CairnException.Kind.CONFIG,
                "option " + (prefix.isEmpty() ? "" : prefix + ".") + key + " is " + shown + "; expected " + expected);
    }

    /** {@return whether values of {@code key} are redacted when rendered} */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(prefix).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(isSecret(e.getKey()) ? "***" : e.getValue());
            sep = ", ";
        }
        return sb.append('}').toString();
    }
}
