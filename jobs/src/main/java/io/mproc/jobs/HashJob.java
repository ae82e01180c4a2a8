package io.mproc.jobs;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.LongValue;
import io.mproc.TaskContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A SHA-256 proof-of-work search: the smallest nonce whose hash of {@code prefix + nonce} starts with the given
 * number of zero bits. Task i tries nonces i, i + tasks, i + 2 * tasks, ... and returns the first that qualifies.
 * The best nonce found so far is a shared value, lowered with compare-and-set, so that a task stops once it cannot
 * beat it; that is only a shortcut: the answer is the smallest nonce the tasks return, the same for any number of
 * workers and on a cluster, where each task sees only its own writes.
 */
public final class HashJob implements Job<Integer, Long> {

    /** The smallest qualifying nonce, and its hash. */
    public record Proof(long nonce, String hash) {
    }

    @Override
    public String name() {
        return "hash";
    }

    @Override
    public String description() {
        return "find the smallest nonce whose SHA-256 has N leading zero bits";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofInt("bits", 20, "leading zero bits wanted"),
                JobParameter.ofString("prefix", "mproc", "text hashed before the nonce"),
                JobParameter.ofLong("limit", 1L << 32, "give up at this nonce"));
    }

    @Override
    public void prepare(JobContext context) {
        int bits = context.parameters().getInt("bits");
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("parameter 'bits' must be from 1 to 64, not " + bits);
        }
        context.newLongValue("best", context.parameters().getLong("limit"));
    }

    @Override
    public List<Integer> split(JobContext context) {
        return IntStream.range(0, context.taskCount()).boxed().toList();
    }

    @Override
    public Long execute(Integer first, TaskContext context) throws NoSuchAlgorithmException {
        int bits = context.parameters().getInt("bits");
        byte[] prefix = context.parameters().get("prefix").getBytes(StandardCharsets.UTF_8);
        LongValue best = context.longValue("best");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long nonce = first; nonce < best.get(); nonce += context.taskCount()) {
            if (leadingZeroBits(hash(sha, prefix, nonce)) >= bits) {
                lower(best, nonce);
                return nonce;
            }
        }
        return -1L;
    }

    @Override
    public Object aggregate(List<Long> results, JobContext context) {
        long nonce = results.stream().mapToLong(Long::longValue).filter(found -> found >= 0).min().orElse(-1);
        if (nonce < 0) {
            return new Proof(-1, "");
        }
        try {
            byte[] prefix = context.parameters().get("prefix").getBytes(StandardCharsets.UTF_8);
            return new Proof(nonce, HexFormat.of().formatHex(hash(MessageDigest.getInstance("SHA-256"), prefix, nonce)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lower(LongValue best, long nonce) {
        long current = best.get();
        while (nonce < current && !best.compareAndSet(current, nonce)) {
            current = best.get();
        }
    }

    static byte[] hash(MessageDigest sha, byte[] prefix, long nonce) {
        sha.update(prefix);
        sha.update(Long.toString(nonce).getBytes(StandardCharsets.US_ASCII));
        return sha.digest();
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
            }
            bits += 8;
        }
        return bits;
    }
}
