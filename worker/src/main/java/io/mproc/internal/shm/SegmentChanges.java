package io.mproc.internal.shm;

import static io.mproc.internal.shm.SegmentLayout.ELEMENTS_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_BLOCK_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_COUNT_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_LENGTH_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_TYPE_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.LOCK_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.VALUE_OFFSET;

/**
 * The changes a task made to a private copy of a segment, as bytes that travel, and their application to another
 * segment with the same objects. This is how a task that ran on another machine, against a copy of the run's
 * segment, hands its writes back to the coordinator, once, when its result is accepted.
 *
 * <p>What is carried, per object:
 * <ul>
 *   <li>array elements: the new contents of each element that changed, element by element, so that tasks writing
 *       neighbouring elements of one array never overwrite each other;</li>
 *   <li>numeric values: the difference the task made, added to the target, so that counters that many tasks
 *       increment add up as they do in one segment;</li>
 *   <li>boolean values: the new value.</li>
 * </ul>
 * Lock words are never carried. The encoding is a sequence of records, each a kind byte, the block-relative offset
 * in the segment (an int) and then, by kind: for elements a length and the bytes; for a value 8 bytes of
 * difference or new value. A short value is kept in an int slot and wraps as a short does. It is read only by the same mproc version that wrote it.
 *
 * <p>Not thread-safe against writers of the segments being compared; a task's copy is compared once it has ended.
 */
public final class SegmentChanges {

    private static final byte ELEMENTS = 1;
    private static final byte ADD_LONG = 2;
    private static final byte ADD_INT = 3;
    private static final byte ADD_DOUBLE = 4;
    private static final byte SET_INT = 5;
    private static final byte ADD_SHORT = 6;

    private SegmentChanges() {
    }

    /**
     * What {@code copy} changed against {@code base}, and {@code copy} put back to equal {@code base}, lock words
     * included, so that it can serve the next task.
     *
     * @throws IllegalArgumentException if the two segments do not hold the same objects
     */
    public static byte[] takeAndReset(SharedSegment base, SharedSegment copy) {
        MemoryBuffer from = base.buffer();
        MemoryBuffer to = copy.buffer();
        int entries = from.getIntVolatile(ENTRY_COUNT_OFFSET);
        if (to.getIntVolatile(ENTRY_COUNT_OFFSET) != entries) {
            throw new IllegalArgumentException(copy + " is not a copy of " + base);
        }
        MemoryBuffer out = MemoryBuffer.expandable(64);
        int[] position = {0};
        for (int i = 0; i < entries; i++) {
            int entry = SegmentLayout.entryOffset(i);
            EntryType type = EntryType.ofCode(from.getInt(entry + ENTRY_TYPE_OFFSET));
            int block = from.getInt(entry + ENTRY_BLOCK_OFFSET);
            if (to.getLong(block + LOCK_OFFSET) != from.getLong(block + LOCK_OFFSET)) {
                to.putLongVolatile(block + LOCK_OFFSET, from.getLong(block + LOCK_OFFSET));
            }
            if (type.isArray()) {
                elements(from, to, block + ELEMENTS_OFFSET, from.getInt(entry + ENTRY_LENGTH_OFFSET)
                        * type.elementLength(), type.elementLength(), out, position);
            } else {
                value(type, from, to, block + VALUE_OFFSET, out, position);
            }
        }
        byte[] changes = new byte[position[0]];
        out.getBytes(0, changes);
        return changes;
    }

    /**
     * Applies changes taken by {@link #takeAndReset} to {@code target}: element contents are stored, value
     * differences added atomically, boolean values stored.
     *
     * @throws IllegalArgumentException if the changes are not well formed or fall outside the target's objects
     */
    public static void apply(byte[] changes, SharedSegment target) {
        MemoryBuffer in = MemoryBuffer.wrap(changes);
        MemoryBuffer to = target.buffer();
        long limit = target.bytesInUse();
        int at = 0;
        while (at < changes.length) {
            byte kind = in.getByte(at);
            int offset = in.getInt(at + 1);
            int length = kind == ELEMENTS ? in.getInt(at + 5) : Long.BYTES;
            int data = kind == ELEMENTS ? at + 9 : at + 5;
            if (offset < SegmentLayout.DATA_OFFSET || offset + (long) length > limit || data + length > changes.length) {
                throw new IllegalArgumentException("a change record at byte " + at + " points outside "
                        + target);
            }
            switch (kind) {
                case ELEMENTS -> to.putBytes(offset, in, data, length);
                case ADD_LONG -> to.getAndAddLong(offset, in.getLong(data));
                case ADD_INT -> to.getAndAddInt(offset, (int) in.getLong(data));
                case ADD_DOUBLE -> addDouble(to, offset, in.getDouble(data));
                case SET_INT -> to.putIntVolatile(offset, (int) in.getLong(data));
                case ADD_SHORT -> addShort(to, offset, (int) in.getLong(data));
                default -> throw new IllegalArgumentException("unknown change record kind " + kind + " at byte " + at);
            }
            at = data + length;
        }
    }

    private static void value(EntryType type, MemoryBuffer from, MemoryBuffer to, int offset, MemoryBuffer out,
                              int[] position) {
        long before = type.elementLength() == Long.BYTES ? from.getLong(offset) : from.getInt(offset);
        long after = type.elementLength() == Long.BYTES ? to.getLong(offset) : to.getInt(offset);
        if (before == after) {
            return;
        }
        switch (type) {
            case LONG_VALUE -> record(out, position, ADD_LONG, offset, after - before);
            case DOUBLE_VALUE -> record(out, position, ADD_DOUBLE, offset, Double.doubleToRawLongBits(
                    Double.longBitsToDouble(after) - Double.longBitsToDouble(before)));
            case BOOLEAN_VALUE -> record(out, position, SET_INT, offset, after);
            case SHORT_VALUE -> record(out, position, ADD_SHORT, offset, after - before);
            default -> record(out, position, ADD_INT, offset, after - before);
        }
        if (type.elementLength() == Long.BYTES) {
            to.putLongVolatile(offset, before);
        } else {
            to.putIntVolatile(offset, (int) before);
        }
    }

    private static void record(MemoryBuffer out, int[] position, byte kind, int offset, long bits) {
        int at = position[0];
        out.putByte(at, kind);
        out.putInt(at + 1, offset);
        out.putLong(at + 5, bits);
        position[0] = at + 5 + Long.BYTES;
    }

    /** Records each run of changed elements in {@code [start, start + length)} and copies the base back over it. */
    private static void elements(MemoryBuffer from, MemoryBuffer to, int start, int length, int elementLength,
                                 MemoryBuffer out, int[] position) {
        int end = start + length;
        int at = start;
        while (at < end) {
            int differs = from.mismatch(at, to, end - at);
            if (differs < 0) {
                return;
            }
            int runStart = at + differs - differs % elementLength;
            int runEnd = runStart + elementLength;
            while (runEnd < end && !sameElement(from, to, runEnd, elementLength)) {
                runEnd += elementLength;
            }
            run(from, to, runStart, runEnd, out, position);
            at = runEnd;
        }
    }

    private static boolean sameElement(MemoryBuffer from, MemoryBuffer to, int at, int elementLength) {
        return switch (elementLength) {
            case Long.BYTES -> from.getLong(at) == to.getLong(at);
            case Integer.BYTES -> from.getInt(at) == to.getInt(at);
            case Short.BYTES -> from.getShort(at) == to.getShort(at);
            default -> from.getByte(at) == to.getByte(at);
        };
    }

    private static void run(MemoryBuffer from, MemoryBuffer to, int start, int end, MemoryBuffer out,
                            int[] position) {
        int at = position[0];
        int length = end - start;
        out.putByte(at, ELEMENTS);
        out.putInt(at + 1, start);
        out.putInt(at + 5, length);
        out.putBytes(at + 9, to, start, length);
        to.putBytes(start, from, start, length);
        position[0] = at + 9 + length;
    }

    private static void addShort(MemoryBuffer buffer, int offset, int delta) {
        int current = buffer.getIntVolatile(offset);
        while (!buffer.compareAndSetInt(offset, current, (short) (current + delta))) {
            current = buffer.getIntVolatile(offset);
        }
    }

    private static void addDouble(MemoryBuffer buffer, int offset, double delta) {
        long current = buffer.getLongVolatile(offset);
        while (!buffer.compareAndSetLong(offset, current,
                Double.doubleToRawLongBits(Double.longBitsToDouble(current) + delta))) {
            current = buffer.getLongVolatile(offset);
        }
    }
}
