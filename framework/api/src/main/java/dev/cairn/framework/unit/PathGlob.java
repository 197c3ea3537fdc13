package dev.cairn.framework.unit;

import dev.cairn.framework.CairnException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over install-relative paths ({@code /}-separated, as in {@link Item#path()}), used for the
 * paths and excludes of an install profile.
 *
 * <table>
 *   <caption>Glob syntax</caption>
 *   <tr><th>Pattern</th><th>Matches</th></tr>
 *   <tr><td>{@code *}</td><td>any characters within one path segment (dot-files included)</td></tr>
 *   <tr><td>{@code ?}</td><td>one character within a segment</td></tr>
 *   <tr><td>{@code [abc]}, {@code [a-z]}, {@code [!abc]}</td><td>one character of (or not of) the set</td></tr>
 *   <tr><td>{@code {json,yaml}}</td><td>one of the comma-separated alternatives (not nested)</td></tr>
 *   <tr><td>{@code **} as a whole segment</td><td>zero or more segments: {@code config/**}{@code /*.json}
 *       matches {@code config/a.json} and {@code config/x/y/a.json}; a trailing {@code config/**}
 *       matches everything below {@code config}, not {@code config} itself</td></tr>
 *   <tr><td>{@code \x}</td><td>the character {@code x} literally</td></tr>
 * </table>
 *
 * <p>A pattern is matched against the whole path. Instances are immutable and thread-safe.
 */
public final class PathGlob {

    private final String pattern;
    private final Pattern regex;
    private final String literalPrefix;

    private PathGlob(String pattern, Pattern regex, String literalPrefix) {
        this.pattern = pattern;
        this.regex = regex;
        this.literalPrefix = literalPrefix;
    }

    /**
     * Compiles a glob.
     *
     * @param pattern the glob, install-relative, without a leading {@code /}
     * @return the compiled glob
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} when the pattern is malformed
     */
    public static PathGlob compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw invalid(pattern, "it is empty");
        }
        if (pattern.startsWith("/")) {
            throw invalid(pattern, "it must be install-relative (no leading '/')");
        }
        return new PathGlob(pattern, Pattern.compile(toRegex(pattern)), literalPrefixOf(pattern));
    }

    /**
     * {@return whether {@code text} contains glob syntax: one of <code>* ? [ &#123;</code> or a backslash escape}
     */
    public static boolean isGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '*', '?', '[', '{', '\\' -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** {@return whether {@code path} (install-relative, {@code /}-separated) matches this glob} */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /**
     * {@return the leading segments of the pattern that contain no glob syntax, joined with {@code /}:
     * the directory below which every match lies; empty when the first segment is already a glob}
     */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** {@return the pattern as written} */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathGlob other && other.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    private static String literalPrefixOf(String pattern) {
        String[] segments = pattern.split("/", -1);
        StringBuilder prefix = new StringBuilder();
        // the last segment is what is matched, so it never belongs to the prefix
        for (int i = 0; i < segments.length - 1 && !isGlob(segments[i]); i++) {
            if (!prefix.isEmpty()) {
                prefix.append('/');
            }
            prefix.append(segments[i]);
        }
        return prefix.toString();
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inBraces = false;
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            switch (c) {
                case '*' -> {
                    boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
                    boolean wholeSegment = segmentStart && doubleStar && (i + 2 == n || glob.charAt(i + 2) == '/');
                    if (wholeSegment && !inBraces) {
                        if (i + 2 == n) {
                            re.append(".+");              // trailing "**": everything below
                            i += 1;
                        } else {
                            re.append("(?:[^/]+/)*");     // "**/": zero or more whole segments
                            i += 2;
                        }
                    } else {
                        re.append("[^/]*");
                        while (i + 1 < n && glob.charAt(i + 1) == '*') {
                            i++;                          // "a**b" inside a segment is just "*"
                        }
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> i = appendClass(glob, i, re);
                case '{' -> {
                    if (inBraces) {
                        throw invalid(glob, "'{' alternatives cannot be nested");
                    }
                    inBraces = true;
                    re.append("(?:");
                }
                case '}' -> {
                    if (!inBraces) {
                        throw invalid(glob, "'}' without '{'");
                    }
                    inBraces = false;
                    re.append(')');
                }
                case ',' -> re.append(inBraces ? "|" : ",");
                case '\\' -> {
                    if (i + 1 == n) {
                        throw invalid(glob, "it ends with a lone '\\'");
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inBraces) {
            throw invalid(glob, "'{' is not closed");
        }
        return re.toString();
    }

    /** Appends the character class that starts at {@code start}; returns the index of its closing ']'. */
    private static int appendClass(String glob, int start, StringBuilder re) {
        int i = start + 1;
        re.append('[');
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            re.append('^');
            i++;
        }
        boolean empty = true;
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == ']' && !empty) {
                re.append("&&[^/]]");
                return i;
            }
            if (c == '/') {
                throw invalid(glob, "'/' cannot appear in a [...] class");
            }
            if (c == '-' && !empty && i + 1 < glob.length() && glob.charAt(i + 1) != ']') {
                re.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
            empty = false;
        }
        throw invalid(glob, "'[' is not closed");
    }

    private static CairnException invalid(String glob, String why) {
        return new CairnException(CairnException.Kind.CONFIG, "invalid path pattern '" + glob + "': " + why);
    }
}
