package io.mproc.process;

import io.mproc.internal.os.Processes;
import io.mproc.internal.shm.MemoryBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which processes hold one end (the producing or the consuming one) of a {@link Ring}: a table of words in the
 * ring's header, each a process id (the high 32 bits) and, in the low 32 bits, either how many handles on the end
 * that process holds or, with the top bit set, a transfer: a handle that process sent to another (as an argument of
 * a child, or inside a message) and that the receiver has not attached yet. A word is 0 when free. The end is held
 * while some word names a live process; so a process's closing affects only its own handles, and a process that
 * ends, however it ends, lets go of all of them. Each word changes by compare-and-set alone, so processes share the
 * table without a lock. Limits: {@link #ENTRIES} processes and transfers at once; a dead holder's pid reused by a
 * new process looks alive.
 */
final class Holders {

    /** How many processes and transfers in flight the table has room for. */
    static final int ENTRIES = 128;
    static final int BYTES = ENTRIES * Long.BYTES;

    private static final long TRANSFER = 0x8000_0000L;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final AtomicInteger SERIALS = new AtomicInteger();

    /** A transfer taken by {@link #reserve}, which {@link #unreserve} gives back. */
    record Transfer(int index, long word) {
    }

    private final MemoryBuffer buffer;
    private final int base;
    private final String what;

    Holders(MemoryBuffer buffer, int base, String what) {
        this.buffer = buffer;
        this.base = base;
        this.what = what;
    }

    /** Counts one more handle held by the process. */
    void hold(long pid) {
        for (int i = 0; i < ENTRIES; i++) {
            long word = word(i);
            if (isCount(word, pid)) {
                if (cas(i, word, word + 1)) {
                    return;
                }
                i--;
            }
        }
        claim(pid << 32 | 1);
    }

    /** Counts one handle fewer held by the process; nothing if it holds none. */
    void release(long pid) {
        for (int i = 0; i < ENTRIES; i++) {
            long word = word(i);
            if (isCount(word, pid)) {
                if (cas(i, word, (word & LOW) == 1 ? 0 : word - 1)) {
                    return;
                }
                i--;
            }
        }
    }

    /** Makes the process the only holder; for a ring nobody else has seen yet. */
    void holdAlone(long pid) {
        for (int i = 0; i < ENTRIES; i++) {
            buffer.putLongVolatile(offset(i), 0);
        }
        hold(pid);
    }

    /** Holds the end on behalf of a handle this process is sending, until the receiver attaches it. */
    Transfer reserve() {
        long word = Processes.SELF << 32 | TRANSFER | (SERIALS.incrementAndGet() & (TRANSFER - 1));
        return new Transfer(claim(word), word);
    }

    /** Lets go of a transfer; nothing if the receiver already did. */
    void unreserve(Transfer transfer) {
        if (transfer.index >= 0 && transfer.index < ENTRIES) {
            cas(transfer.index, transfer.word, 0);
        }
    }

    /** Whether a live process holds the end, or has a handle on it in transfer. */
    boolean held() {
        for (int i = 0; i < ENTRIES; i++) {
            long word = word(i);
            if (word != 0 && Processes.isAlive(word >>> 32)) {
                return true;
            }
        }
        return false;
    }

    private int claim(long newWord) {
        for (int i = 0; i < ENTRIES; i++) {
            long word = word(i);
            if ((word == 0 || !Processes.isAlive(word >>> 32)) && cas(i, word, newWord)) {
                return i;
            }
        }
        throw new IllegalStateException("more than " + ENTRIES + " processes or handles in transfer hold " + what
                + " at once; close the handles you no longer need");
    }

    private static boolean isCount(long word, long pid) {
        return word != 0 && word >>> 32 == pid && (word & TRANSFER) == 0;
    }

    /** Volatile: a word read here is what another process last stored or swapped in, never a stale copy. */
    private long word(int index) {
        return buffer.getLongVolatile(offset(index));
    }

    /** Every change to a word is a compare-and-set, so two processes never both take or free one. */
    private boolean cas(int index, long expected, long word) {
        return buffer.compareAndSetLong(offset(index), expected, word);
    }

    private int offset(int index) {
        return base + index * Long.BYTES;
    }
}
