package dev.cairn.units.config.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the syntax of a {@code .env} file as the common dotenv readers accept it: blank lines,
 * {@code #} comments, and {@code KEY=VALUE} entries with an optional {@code export } prefix and
 * whitespace around {@code =}. A value quoted with {@code "} or {@code '} may span lines and must be
 * closed; a double-quoted value honours backslash escapes; after the closing quote only whitespace and
 * a comment may follow. Unquoted values are taken as they are.
 *
 * <p>Messages name lines, never values: {@code .env} files hold secrets.
 */
final class DotEnvSyntax {

    private static final Pattern ENTRY = Pattern.compile("(export\\s+)?[A-Za-z_][A-Za-z0-9_.\\-]*\\s*=.*", Pattern.DOTALL);

    private DotEnvSyntax() {
    }

    /** {@return the first syntax problem of {@code text}, with its line number, or empty when it is valid} */
    static Optional<String> check(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!ENTRY.matcher(line).matches()) {
                return Optional.of("line " + (i + 1) + ": expected KEY=VALUE, a comment or a blank line");
            }
            String value = line.substring(line.indexOf('=') + 1).stripLeading();
            if (value.isEmpty() || (value.charAt(0) != '"' && value.charAt(0) != '\'')) {
                continue;
            }
            char quote = value.charAt(0);
            int startLine = i;
            String rest = value.substring(1);
            int close = closingQuote(rest, quote);
            while (close < 0 && i + 1 < lines.length) {
                rest = lines[++i];
                close = closingQuote(rest, quote);
            }
            if (close < 0) {
                return Optional.of("line " + (startLine + 1) + ": quoted value is never closed");
            }
            String after = rest.substring(close + 1).strip();
            if (!after.isEmpty() && !after.startsWith("#")) {
                return Optional.of("line " + (i + 1) + ": unexpected text after the closing quote");
            }
        }
        return Optional.empty();
    }

    /** {@return the index of the closing {@code quote} in {@code s}, or -1} */
    private static int closingQuote(String s, char quote) {
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\' && quote == '"') {
                j++;
            } else if (c == quote) {
                return j;
            }
        }
        return -1;
    }
}
