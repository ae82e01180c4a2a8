package io.mproc.process;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import io.mproc.internal.shm.MemoryBuffer;
import java.nio.file.Path;
import org.agrona.BitUtil;

/**
 * The layout of a queue's or pipe's file, read by {@link Ring}. The header's fixed fields are written once, before
 * the file is shared; each counter that several processes change sits on cache lines of its own (two, against the
 * adjacent-line prefetcher), and the slots follow.
 *
 * <pre>
 *   0 +--------+---------+----------+------------+-------------+-------+-----------+
 *     | magic  | version | capacity | slot count | max message | limit | unbounded |  ints, fixed at create
 * 128 +--------+---------+----------+------------+-------------+-------+-----------+
 *     | tail: the next position producers claim; bit 62 set while a long message holds it             long
 * 256 +--------------------------------------------------------------------------------------------------+
 *     | head: the next position consumers take; bit 62 set while a long message holds it              long
 * 384 +--------------------------------------------------------------------------------------------------+
 *     | unfinished: items put but not yet marked done (a joinable queue)                              long
 * 512 +--------------------------------------------------------------------------------------------------+
 *     | extra pieces in the ring | pid streaming in | pid streaming out | shut down (0, 1, 2 immediate) longs
 * 640 +--------------------------------------------------------------------------------------------------+
 *     | sleepers: how many are enlisted; on the next line, {@link Sleepers#SLOTS} waker ids, 0 where none  longs
 * 768 +--------------------------------------------------------------------------------------------------+
 *     | producers' holders ({@link Holders#BYTES}) | consumers' holders                                    |
 *     +--------------------------------------------------------------------------------------------------+
 *     | slot 0 | slot 1 | ... (a power of two of them, each {@link #stride} bytes, cache-line aligned)      |
 *     +--------------------------------------------------------------------------------------------------+
 * slot: | sequence (long) | length (int) | total (int, the whole length of a long message's first piece) | payload |
 * </pre>
 */
final class RingDescriptor {

    /** "MPRQ". */
    static final int MAGIC = 0x4D505251;
    static final int VERSION = 2;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int CAPACITY_OFFSET = 8;
    static final int SLOT_COUNT_OFFSET = 12;
    static final int MAX_MESSAGE_OFFSET = 16;
    static final int LIMIT_OFFSET = 20;
    static final int UNBOUNDED_OFFSET = 24;

    static final int TAIL_OFFSET;
    static final int HEAD_OFFSET;
    static final int UNFINISHED_OFFSET;
    static final int EXTRA_PIECES_OFFSET;
    static final int STREAM_WRITER_OFFSET;
    static final int STREAM_READER_OFFSET;
    static final int SHUTDOWN_OFFSET;
    static final int SLEEPERS_OFFSET;
    static final int PRODUCERS_OFFSET;
    static final int CONSUMERS_OFFSET;
    static final int SLOTS_OFFSET;

    static final int SEQUENCE_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int TOTAL_OFFSET = 12;
    static final int PAYLOAD_OFFSET = 16;

    static {
        int offset = 2 * CACHE_LINE_LENGTH;
        TAIL_OFFSET = offset;
        offset += 2 * CACHE_LINE_LENGTH;
        HEAD_OFFSET = offset;
        offset += 2 * CACHE_LINE_LENGTH;
        UNFINISHED_OFFSET = offset;
        offset += 2 * CACHE_LINE_LENGTH;
        EXTRA_PIECES_OFFSET = offset;
        STREAM_WRITER_OFFSET = offset + Long.BYTES;
        STREAM_READER_OFFSET = offset + 2 * Long.BYTES;
        SHUTDOWN_OFFSET = offset + 3 * Long.BYTES;
        offset += 2 * CACHE_LINE_LENGTH;
        SLEEPERS_OFFSET = offset;
        offset += 2 * CACHE_LINE_LENGTH;
        PRODUCERS_OFFSET = offset;
        CONSUMERS_OFFSET = PRODUCERS_OFFSET + Holders.BYTES;
        SLOTS_OFFSET = BitUtil.align(CONSUMERS_OFFSET + Holders.BYTES, CACHE_LINE_LENGTH);
    }

    private RingDescriptor() {
    }

    /** The slots for a capacity: a power of two, at least two, as the algorithm and the index mask need. */
    static int slotCount(int capacity) {
        return BitUtil.findNextPositivePowerOfTwo(Math.max(2, capacity));
    }

    /** The bytes of one slot: its header and the largest piece, rounded up to whole cache lines. */
    static int stride(int maxMessage) {
        return BitUtil.align(PAYLOAD_OFFSET + maxMessage, CACHE_LINE_LENGTH);
    }

    /** The bytes of a whole file. */
    static long fileLength(int slotCount, int maxMessage) {
        return SLOTS_OFFSET + (long) slotCount * stride(maxMessage);
    }

    /** Fails unless the buffer holds a ring of this version. */
    static void check(MemoryBuffer buffer, Path file) {
        if (buffer.capacity() < SLOTS_OFFSET || buffer.getIntVolatile(MAGIC_OFFSET) != MAGIC) {
            throw new IllegalStateException(file + " is not an mproc queue or pipe");
        }
        int version = buffer.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new IllegalStateException(file + " is a queue or pipe of layout version " + version + ", but this"
                    + " mproc reads version " + VERSION + ": every process of a context must run the same mproc");
        }
    }
}
