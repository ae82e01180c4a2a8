package io.mproc.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the textual forms of configuration values: integers, durations and sizes. */
final class ValueSyntax {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]?)", Pattern.CASE_INSENSITIVE);
    private static final String SIZE_SUFFIXES = "kmgt";

    private ValueSyntax() {
    }

    /** A decimal {@code int}, surrounding blanks ignored. */
    static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A non-negative duration: {@code 0}, a whole number of {@code ms}, {@code s}, {@code m} or {@code h}, or
     * ISO-8601 such as {@code PT30S}.
     */
    static Optional<Duration> duration(String text) {
        String value = text.strip();
        if (value.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(value)).filter(duration -> !duration.isNegative());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A number of bytes: digits with an optional binary suffix {@code k}, {@code m}, {@code g} or {@code t}. */
    static Optional<Long> bytes(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2).toLowerCase(Locale.ROOT);
        int shift = suffix.isEmpty() ? 0 : 10 * (SIZE_SUFFIXES.indexOf(suffix) + 1);
        try {
            long amount = Long.parseLong(matcher.group(1));
            if (amount > Long.MAX_VALUE >> shift) {
                return Optional.empty();
            }
            return Optional.of(amount << shift);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 0}, or the duration in the largest of {@code h}, {@code m}, {@code s}, {@code ms} that is exact. */
    static String formatDuration(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException e) {
            return duration.toString();
        }
        if (duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString();
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** The size with the largest of the suffixes {@code t}, {@code g}, {@code m}, {@code k} that is exact. */
    static String formatBytes(long bytes) {
        for (int unit = SIZE_SUFFIXES.length(); unit > 0; unit--) {
            long factor = 1L << (10 * unit);
            if (bytes != 0 && bytes % factor == 0) {
                return bytes / factor + SIZE_SUFFIXES.substring(unit - 1, unit);
            }
        }
        return Long.toString(bytes);
    }
}
