package io.mproc.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("workers", "worker.heap", "maxRetries", "chunkSize");

    @Test
    void suggestsACandidateWithinTwoEdits() {
        assertThat(Suggestions.closest("wrokers", KEYS)).contains("workers");
        assertThat(Suggestions.closest("worker", KEYS)).contains("workers");
        assertThat(Suggestions.closest("maxRetires", KEYS)).contains("maxRetries");
        assertThat(Suggestions.closest("chunksize", KEYS)).contains("chunkSize");
    }

    @Test
    void suggestsNothingBeyondTwoEdits() {
        assertThat(Suggestions.closest("retries", KEYS)).isEmpty();
        assertThat(Suggestions.closest("anything", List.of())).isEmpty();
    }

    @Test
    void prefersTheNearestCandidateThenTheFirst() {
        assertThat(Suggestions.closest("abcd", List.of("abxy", "abcx"))).contains("abcx");
        assertThat(Suggestions.closest("abcd", List.of("abcx", "abcy"))).contains("abcx");
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("", "")).isZero();
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("flaw", "lawn")).isEqualTo(2);
        assertThat(Suggestions.distance("workers", "wrokers")).isEqualTo(2);
    }
}
