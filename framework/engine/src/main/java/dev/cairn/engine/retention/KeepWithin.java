package dev.cairn.engine.retention;

import dev.cairn.framework.CairnException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keep-within window such as {@code 2y6m}, {@code 30d} or {@code 12h}: years, months, days and hours,
 * counted back from "now" on the UTC calendar (as restic's {@code --keep-within} does).
 *
 * @param years  whole years
 * @param months whole months
 * @param days   whole days
 * @param hours  whole hours
 */
public record KeepWithin(int years, int months, int days, int hours) {

    /** The accepted syntax: at least one of {@code Ny}, {@code Nm}, {@code Nd}, {@code Nh}, in that order. */
    public static final Pattern SYNTAX = Pattern.compile("(?:(\\d{1,4})y)?(?:(\\d{1,5})m)?(?:(\\d{1,6})d)?(?:(\\d{1,7})h)?");

    public KeepWithin {
        if (years < 0 || months < 0 || days < 0 || hours < 0) {
            throw new CairnException(CairnException.Kind.CONFIG, "keep_within parts must not be negative");
        }
    }

    /**
     * {@return the window written as {@code text}}
     *
     * @throws CairnException CONFIG when {@code text} is not e.g. {@code 1y2m3d4h}
     */
    public static KeepWithin parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new CairnException(CairnException.Kind.CONFIG,
                    "'" + text + "' is not a window like 30d, 12h or 1y6m (years y, months m, days d, hours h, in that order)");
        }
        return new KeepWithin(part(m, 1), part(m, 2), part(m, 3), part(m, 4));
    }

    private static int part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    /** {@return the oldest creation time still inside the window, seen from {@code now}} */
    public Instant cutoff(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minusYears(years).minusMonths(months).minusDays(days).minusHours(hours).toInstant();
    }

    /** {@return whether the window is empty (keeps nothing)} */
    public boolean isZero() {
        return years == 0 && months == 0 && days == 0 && hours == 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (years > 0) {
            s.append(years).append('y');
        }
        if (months > 0) {
            s.append(months).append('m');
        }
        if (days > 0) {
            s.append(days).append('d');
        }
        if (hours > 0 || s.isEmpty()) {
            s.append(hours).append('h');
        }
        return s.toString();
    }
}
