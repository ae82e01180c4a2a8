package io.mproc.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bytes in memory, a memory-mapped file's or an array's, read and written at byte offsets in the platform's byte
 * order, with the plain, ordered, volatile and atomic accesses that memory shared between processes needs. Built on
 * {@link VarHandle}s over a {@link ByteBuffer}, so it works in any JVM without extra flags, at the speed of the
 * JIT's intrinsics. Atomic and ordered accesses need offsets aligned to their size (a mapped file starts on a page).
 *
 * <p>A buffer made by {@link #expandable(int)} grows when a put goes past its end, for encoding messages of unknown
 * length; any other put past the end throws {@link IndexOutOfBoundsException}. The names and string layouts follow
 * Agrona's {@code DirectBuffer}: a string "with length" is a 4-byte length, then its bytes.
 *
 * <p>Not thread-safe as an object (an expandable buffer may replace its memory); the memory itself is shared, and
 * the ordered, volatile and atomic methods are safe across threads and processes.
 */
public final class MemoryBuffer {

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ORDER);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ORDER);
    private static final VarHandle SHORTS = MethodHandles.byteBufferViewVarHandle(short[].class, ORDER);

    private ByteBuffer memory;
    private final boolean expandable;

    private MemoryBuffer(ByteBuffer memory, boolean expandable) {
        this.memory = memory.duplicate().clear().order(ORDER);
        this.expandable = expandable;
    }

    /** The whole of a buffer, such as a mapped file; its position and limit are ignored. */
    public static MemoryBuffer wrap(ByteBuffer memory) {
        return new MemoryBuffer(memory, false);
    }

    /** The array's bytes, shared with it. */
    public static MemoryBuffer wrap(byte[] bytes) {
        return new MemoryBuffer(ByteBuffer.wrap(bytes), false);
    }

    /** An array buffer that grows, doubling, when a put goes past its end. */
    public static MemoryBuffer expandable(int initialCapacity) {
        return new MemoryBuffer(ByteBuffer.allocate(Math.max(16, initialCapacity)), true);
    }

    /**
     * Where the bytes {@code [index, index + length)} of this buffer and of {@code other} first differ, counted from
     * {@code index}; -1 if they are equal. Compares many bytes at a time (the JDK's vectorized mismatch).
     */
    public int mismatch(int index, MemoryBuffer other, int length) {
        return memory.slice(index, length).mismatch(other.memory.slice(index, length));
    }

    public int capacity() {
        return memory.capacity();
    }

    public byte getByte(int index) {
        return memory.get(index);
    }

    public void putByte(int index, byte value) {
        ensure(index, Byte.BYTES);
        memory.put(index, value);
    }

    public short getShort(int index) {
        return memory.getShort(index);
    }

    public void putShort(int index, short value) {
        ensure(index, Short.BYTES);
        memory.putShort(index, value);
    }

    public int getInt(int index) {
        return memory.getInt(index);
    }

    public void putInt(int index, int value) {
        ensure(index, Integer.BYTES);
        memory.putInt(index, value);
    }

    public long getLong(int index) {
        return memory.getLong(index);
    }

    public void putLong(int index, long value) {
        ensure(index, Long.BYTES);
        memory.putLong(index, value);
    }

    public double getDouble(int index) {
        return memory.getDouble(index);
    }

    public void putDouble(int index, double value) {
        ensure(index, Double.BYTES);
        memory.putDouble(index, value);
    }

    public short getShortVolatile(int index) {
        return (short) SHORTS.getVolatile(memory, index);
    }

    public void putShortVolatile(int index, short value) {
        SHORTS.setVolatile(memory, index, value);
    }

    /** A byte read with volatile semantics: a plain read, then an acquire fence (there is no byte view handle). */
    public byte getByteVolatile(int index) {
        byte value = memory.get(index);
        VarHandle.acquireFence();
        return value;
    }

    /** A byte written with volatile semantics: a release fence, a plain write, then a full fence. */
    public void putByteVolatile(int index, byte value) {
        VarHandle.releaseFence();
        memory.put(index, value);
        VarHandle.fullFence();
    }

    public int getIntVolatile(int index) {
        return (int) INTS.getVolatile(memory, index);
    }

    public int getIntAcquire(int index) {
        return (int) INTS.getAcquire(memory, index);
    }

    public void putIntVolatile(int index, int value) {
        INTS.setVolatile(memory, index, value);
    }

    public void putIntRelease(int index, int value) {
        INTS.setRelease(memory, index, value);
    }

    public boolean compareAndSetInt(int index, int expected, int value) {
        return INTS.compareAndSet(memory, index, expected, value);
    }

    public int getAndAddInt(int index, int delta) {
        return (int) INTS.getAndAdd(memory, index, delta);
    }

    public int getAndSetInt(int index, int value) {
        return (int) INTS.getAndSet(memory, index, value);
    }

    public long getLongVolatile(int index) {
        return (long) LONGS.getVolatile(memory, index);
    }

    public long getLongAcquire(int index) {
        return (long) LONGS.getAcquire(memory, index);
    }

    public void putLongVolatile(int index, long value) {
        LONGS.setVolatile(memory, index, value);
    }

    public void putLongRelease(int index, long value) {
        LONGS.setRelease(memory, index, value);
    }

    public boolean compareAndSetLong(int index, long expected, long value) {
        return LONGS.compareAndSet(memory, index, expected, value);
    }

    public long getAndAddLong(int index, long delta) {
        return (long) LONGS.getAndAdd(memory, index, delta);
    }

    public long getAndSetLong(int index, long value) {
        return (long) LONGS.getAndSet(memory, index, value);
    }

    public void getBytes(int index, byte[] destination) {
        getBytes(index, destination, 0, destination.length);
    }

    public void getBytes(int index, byte[] destination, int offset, int length) {
        memory.get(index, destination, offset, length);
    }

    /** Copies {@code length} bytes from here into another buffer. */
    public void getBytes(int index, MemoryBuffer destination, int destinationIndex, int length) {
        destination.putBytes(destinationIndex, this, index, length);
    }

    public void putBytes(int index, byte[] source) {
        putBytes(index, source, 0, source.length);
    }

    public void putBytes(int index, byte[] source, int offset, int length) {
        ensure(index, length);
        memory.put(index, source, offset, length);
    }

    /** Copies {@code length} bytes of another buffer here. */
    public void putBytes(int index, MemoryBuffer source, int sourceIndex, int length) {
        ensure(index, length);
        memory.put(index, source.memory, sourceIndex, length);
    }

    /** Writes the string as a 4-byte length and its ASCII bytes; returns the bytes written. */
    public int putStringAscii(int index, String value) {
        return putStringWithLength(index, value.getBytes(StandardCharsets.US_ASCII));
    }

    public String getStringAscii(int index) {
        return new String(bytesWithLength(index), StandardCharsets.US_ASCII);
    }

    /** Writes the string as a 4-byte length and its UTF-8 bytes; returns the bytes written. */
    public int putStringUtf8(int index, String value) {
        return putStringWithLength(index, value.getBytes(StandardCharsets.UTF_8));
    }

    public String getStringUtf8(int index) {
        return new String(bytesWithLength(index), StandardCharsets.UTF_8);
    }

    /** Writes the string's UTF-8 bytes alone; returns how many. */
    public int putStringWithoutLengthUtf8(int index, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putBytes(index, bytes);
        return bytes.length;
    }

    public String getStringWithoutLengthUtf8(int index, int length) {
        byte[] bytes = new byte[length];
        getBytes(index, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A view of {@code length} bytes from {@code index}, as a buffer of their own, sharing this memory: for bulk
     * copies of primitive arrays ({@code asLongBuffer()} and the like). Not of an expandable buffer, whose memory may
     * move.
     */
    public ByteBuffer slice(int index, int length) {
        if (expandable) {
            throw new IllegalStateException("an expandable buffer's memory may move; slice a fixed one");
        }
        return memory.slice(index, length).order(ORDER);
    }

    private int putStringWithLength(int index, byte[] bytes) {
        putInt(index, bytes.length);
        putBytes(index + Integer.BYTES, bytes);
        return Integer.BYTES + bytes.length;
    }

    private byte[] bytesWithLength(int index) {
        byte[] bytes = new byte[getInt(index)];
        getBytes(index + Integer.BYTES, bytes);
        return bytes;
    }

    /** Grows an expandable buffer to hold {@code length} bytes from {@code index}. */
    private void ensure(int index, int length) {
        if (expandable && (long) index + length > memory.capacity()) {
            long wanted = Math.max((long) index + length, 2L * memory.capacity());
            if (wanted > Integer.MAX_VALUE - 8) {
                wanted = Math.max((long) index + length, Integer.MAX_VALUE - 8);
            }
            ByteBuffer grown = ByteBuffer.allocate((int) wanted).order(ORDER);
            grown.put(0, memory, 0, memory.capacity());
            memory = grown;
        }
    }
}
