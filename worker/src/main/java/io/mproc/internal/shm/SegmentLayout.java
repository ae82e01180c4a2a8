package io.mproc.internal.shm;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import org.agrona.BitUtil;

/**
 * The layout of a shared-memory segment file. All integers are in native byte order, as every process mapping a
 * segment runs on the same machine.
 *
 * <p>A segment is a header, a directory of a fixed number of entries, then the data area where objects are
 * allocated one after the other and never freed:
 * <pre>
 *  +----------------------------+ 0
 *  |           header           |
 *  +----------------------------+ DIRECTORY_OFFSET
 *  |   entry 0                  |
 *  |   entry 1                  |
 *  |   ...                      |
 *  |   entry MAX_ENTRIES - 1    |
 *  +----------------------------+ DATA_OFFSET
 *  |   block of entry 0         |
 *  |   block of entry 1         |
 *  |   ...                      |
 *  +----------------------------+ allocated
 *  |   free                     |
 *  +----------------------------+ capacity
 * </pre>
 *
 * <p>The header, one cache line:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       magic 'MPSM'                            |
 *  +---------------------------------------------------------------+
 *  |                          version                              |
 *  +---------------------------------------------------------------+
 *  |                    owner pid (64 bits)                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    capacity (64 bits)                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          allocated: bytes in use from offset 0 (64 bits)      |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        entry count                            |
 *  +---------------------------------------------------------------+
 *  |                        max entries                            |
 *  +---------------------------------------------------------------+
 *  |                     reserved to 64 bytes                     ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The magic is written last when a segment is created. Only the owner allocates; it writes an entry and its block
 * in full, then publishes them by storing the entry count with release semantics, so a process that reads the
 * count with acquire semantics never sees a half-written entry.
 *
 * <p>A directory entry, {@link #ENTRY_LENGTH} bytes:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      type (EntryType code)                    |
 *  +-------------------------------------------------------------+-+
 *  |                           flags                             |L|
 *  +-------------------------------------------------------------+-+
 *  |                 offset of the block in the segment            |
 *  +---------------------------------------------------------------+
 *  |                 length in elements (1 for a value)            |
 *  +---------------------------------------------------------------+
 *  |                   name length in UTF-8 bytes                  |
 *  +---------------------------------------------------------------+
 *  |                name in UTF-8, up to MAX_NAME_LENGTH bytes    ...
 *  +---------------------------------------------------------------+
 * </pre>
 * L: {@link #FLAG_LOCKED}, the object has a lock; with {@link #FLAG_SHARED_LOCK} (the bit beside it) the lock is
 * another object's, whose lock word's offset the block keeps at {@link #LOCK_REF_OFFSET} (Python's {@code lock=}).
 *
 * <p>Every block starts on a cache line and takes whole cache lines, so no two objects share one. A value's block
 * is one cache line, its lock word beside it so that a locked update moves one line between cores:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                  lock word (64 bits), 0 when free             |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   value: long, or double as its bits (64 bits); int, or       |
 *  |   boolean as 0 or 1 (32 bits)                                 |
 *  +---------------------------------------------------------------+
 *  |                     padding to 64 bytes                      ...
 *  +---------------------------------------------------------------+
 * </pre>
 * An array's block is its lock word alone on a cache line, then the elements from the next one:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                  lock word (64 bits), 0 when free             |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     padding to 64 bytes                      ...
 *  +---------------------------------------------------------------+
 *  |   elements: int (32 bits), long or double bits (64 bits)     ...
 *  +---------------------------------------------------------------+
 *  |                  padding to a cache line                     ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A held lock word is the holder's pid in its high 32 bits and its thread id in the low 32 bits.
 */
final class SegmentLayout {

    /** The ASCII codes of 'MPSM'. */
    static final int MAGIC = 0x4D50534D;
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int OWNER_PID_OFFSET = 8;
    static final int CAPACITY_OFFSET = 16;
    static final int ALLOCATED_OFFSET = 24;
    static final int ENTRY_COUNT_OFFSET = 32;
    static final int MAX_ENTRIES_OFFSET = 36;
    static final int HEADER_LENGTH = CACHE_LINE_LENGTH;

    static final int MAX_ENTRIES = 1024;
    static final int ENTRY_LENGTH = 128;
    static final int ENTRY_TYPE_OFFSET = 0;
    static final int ENTRY_FLAGS_OFFSET = 4;
    static final int ENTRY_BLOCK_OFFSET = 8;
    static final int ENTRY_LENGTH_OFFSET = 12;
    static final int ENTRY_NAME_LENGTH_OFFSET = 16;
    static final int ENTRY_NAME_OFFSET = 20;
    static final int MAX_NAME_LENGTH = ENTRY_LENGTH - ENTRY_NAME_OFFSET;
    static final int FLAG_LOCKED = 1;
    static final int FLAG_SHARED_LOCK = 2;

    static final int DIRECTORY_OFFSET = HEADER_LENGTH;
    static final int DATA_OFFSET = DIRECTORY_OFFSET + MAX_ENTRIES * ENTRY_LENGTH;

    static final int LOCK_OFFSET = 0;
    static final int VALUE_OFFSET = Long.BYTES;
    static final int ELEMENTS_OFFSET = CACHE_LINE_LENGTH;
    /** Where a block whose object uses another's lock ({@link #FLAG_SHARED_LOCK}) keeps that lock word's offset. */
    static final int LOCK_REF_OFFSET = CACHE_LINE_LENGTH - Long.BYTES;

    /** Room for the header, the directory and one value. */
    static final long MIN_CAPACITY = DATA_OFFSET + CACHE_LINE_LENGTH;
    /** Offsets into a segment are {@code int}s. */
    static final long MAX_CAPACITY = Integer.MAX_VALUE;

    private SegmentLayout() {
    }

    static int entryOffset(int index) {
        return DIRECTORY_OFFSET + index * ENTRY_LENGTH;
    }

    /** The bytes a block of the type takes; a long, as a large array's block may not fit an int. */
    static long blockLength(EntryType type, int length) {
        if (!type.isArray()) {
            return CACHE_LINE_LENGTH;
        }
        return ELEMENTS_OFFSET + BitUtil.align((long) length * type.elementLength(), CACHE_LINE_LENGTH);
    }
}
