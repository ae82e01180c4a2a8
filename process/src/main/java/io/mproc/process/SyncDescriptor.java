package io.mproc.process;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import io.mproc.internal.shm.MemoryBuffer;
import java.nio.file.Path;

/**
 * The layout of a synchronization object's file, read by {@link SharedMemorySync}. Each word that processes change
 * sits on a cache line of its own.
 *
 * <pre>
 *    0 | magic | version | kind (int) | parameter (long: a semaphore's bound, a barrier's parties) | a barrier's
 *      | default timeout (long nanos, -1 for none); fixed at create. A barrier's action is in a file beside it
 *   64 | lock: a spin lock guarding a barrier's changes                                                        long
 *  128 | value: the permits, the event's flag, or the parties waiting                                          long
 *  192 | generation: the barrier's current generation                                                          long
 *  256 | broken: whether the barrier is broken                                                                 long
 *  320 | outcomes: 64 longs, the outcome of the last 64 generations (generation << 1, plus 1 if it broke)
 *  832 | sleepers: how many are enlisted; on the next line, {@link Sleepers#SLOTS} waker ids, 0 where none      longs
 * </pre>
 * An {@code RLock} and a {@code Condition} use the same lines under other names: the owner (pid << 32 | thread id,
 * 0 when free) in the value's line, the owner's hold count in the generation's, and for a condition, under the spin
 * lock, the parties waiting in the broken flag's line and the wake-ups granted and not yet taken in the first
 * outcome's.
 */
final class SyncDescriptor {

    /** "MPSY". */
    static final int MAGIC = 0x4D505359;
    static final int VERSION = 2;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int KIND_OFFSET = 8;
    static final int PARAMETER_OFFSET = 16;
    static final int TIMEOUT_OFFSET = 24;
    static final int LOCK_OFFSET = CACHE_LINE_LENGTH;
    static final int VALUE_OFFSET = LOCK_OFFSET + CACHE_LINE_LENGTH;
    static final int GENERATION_OFFSET = VALUE_OFFSET + CACHE_LINE_LENGTH;
    static final int BROKEN_OFFSET = GENERATION_OFFSET + CACHE_LINE_LENGTH;
    static final int OUTCOMES_OFFSET = BROKEN_OFFSET + CACHE_LINE_LENGTH;
    static final int OUTCOME_COUNT = 64;
    static final int OWNER_OFFSET = VALUE_OFFSET;
    static final int HOLDS_OFFSET = GENERATION_OFFSET;
    static final int WAITERS_OFFSET = BROKEN_OFFSET;
    static final int PERMITS_OFFSET = OUTCOMES_OFFSET;
    static final int SLEEPERS_OFFSET = OUTCOMES_OFFSET + OUTCOME_COUNT * Long.BYTES;
    static final int LENGTH = SLEEPERS_OFFSET + 2 * CACHE_LINE_LENGTH;

    private SyncDescriptor() {
    }

    /** Where the outcome of a barrier's generation is recorded. */
    static int outcomeOffset(long generation) {
        return OUTCOMES_OFFSET + (int) (generation % OUTCOME_COUNT) * Long.BYTES;
    }

    /** Fails unless the buffer holds a synchronization object of this version. */
    static void check(MemoryBuffer buffer, Path file) {
        if (buffer.capacity() < LENGTH || buffer.getIntVolatile(MAGIC_OFFSET) != MAGIC) {
            throw new IllegalStateException(file + " is not an mproc synchronization object");
        }
        int version = buffer.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new IllegalStateException(file + " is a synchronization object of layout version " + version
                    + ", but this mproc reads version " + VERSION + ": every process of a context must run the same"
                    + " mproc");
        }
    }
}
