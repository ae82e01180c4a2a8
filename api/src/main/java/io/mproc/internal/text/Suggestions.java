package io.mproc.internal.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid name a mistyped one was most likely meant to be. */
public final class Suggestions {

    /** The largest edit distance at which a candidate is still suggested. */
    public static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code given} by Levenshtein distance, ignoring case, if that distance is at most
     * {@link #MAX_DISTANCE}. Of equally near candidates the first in iteration order wins.
     */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        String target = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            int distance = distance(target, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The Levenshtein distance between {@code a} and {@code b}: the fewest single-character edits between them. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
