package io.mproc.jobs;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.TaskContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Counts word frequencies over a generated corpus. Word p of the corpus depends only on the seed and p, so any
 * slice can be generated where it is counted; each task returns its slice's counts and the coordinator merges
 * them.
 */
public final class WordCountJob implements Job<WordCountJob.Slice, Map<String, Long>> {

    /** Corpus positions from {@code from} (inclusive) to {@code to} (exclusive). */
    public record Slice(long from, long to) {
    }

    /** A word and how often it occurs. */
    public record Frequency(String word, long count) {
    }

    /** The totals and the ten most frequent words. */
    public record Counts(long words, int distinct, List<Frequency> top) {
    }

    @Override
    public String name() {
        return "wordcount";
    }

    @Override
    public String description() {
        return "count word frequencies over a generated corpus";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofLong("words", 20_000_000, "corpus length in words"),
                JobParameter.ofInt("vocabulary", 50_000, "distinct words the corpus draws from"),
                JobParameter.ofLong("seed", 1, "corpus seed"));
    }

    @Override
    public List<Slice> split(JobContext context) {
        long words = context.parameters().getLong("words");
        int tasks = context.taskCount();
        return IntStream.range(0, tasks)
                .mapToObj(i -> new Slice(words * i / tasks, words * (i + 1) / tasks)).toList();
    }

    @Override
    public Map<String, Long> execute(Slice slice, TaskContext context) {
        int vocabulary = context.parameters().getInt("vocabulary");
        long seed = context.parameters().getLong("seed");
        Map<String, Long> counts = new HashMap<>();
        StringBuilder word = new StringBuilder();
        for (long position = slice.from(); position < slice.to(); position++) {
            word.setLength(0);
            counts.merge(word.append('w').append(wordAt(seed, position, vocabulary)).toString(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public Object aggregate(List<Map<String, Long>> results, JobContext context) {
        Map<String, Long> total = new HashMap<>();
        results.forEach(counts -> counts.forEach((word, count) -> total.merge(word, count, Long::sum)));
        List<Frequency> top = total.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> new Frequency(e.getKey(), e.getValue())).toList();
        long words = total.values().stream().mapToLong(Long::longValue).sum();
        return new Counts(words, total.size(), top);
    }

    /** A Zipf-like draw: small indexes are far more frequent. */
    static int wordAt(long seed, long position, int vocabulary) {
        double u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + position).nextDouble();
        return (int) Math.min(vocabulary - 1, Math.floor(Math.pow(vocabulary, u)) - 1);
    }
}
