package io.mproc.process;

import io.mproc.NotTransferableException;
import io.mproc.internal.shm.MemoryBuffer;

/**
 * How values are laid out in a ring slot: a tag byte, then the value. Integers, longs, doubles, booleans, strings
 * and byte arrays have their own tags so that the common messages skip Jackson; collections, maps and other
 * objects are laid out by {@link TypedValues}, so that they arrive as the types that were sent.
 */
final class Messages {

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte STRING = 3;
    private static final byte BYTES = 4;
    private static final byte TYPED = TypedValues.TYPED;
    private static final byte FALSE = 6;
    private static final byte TRUE = 7;
    private static final byte DOUBLE = 8;
    private static final int LARGE_SCRATCH = 1 << 20;
    private static final ThreadLocal<MemoryBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> MemoryBuffer.expandable(256));

    static final Ring.Decoder VALUE = Messages::decode;
    static final Ring.Decoder BYTES_ONLY = (buffer, offset, length) -> {
        requireBytes(buffer, offset);
        byte[] bytes = new byte[length - 1];
        buffer.getBytes(offset + 1, bytes);
        return bytes;
    };

    private Messages() {
    }

    private static void requireBytes(MemoryBuffer buffer, int offset) {
        if (buffer.getByte(offset) != BYTES) {
            throw new IllegalStateException("recvBytes() found a value sent with send(); use recv()");
        }
    }

    /**
     * Copies a message sent as bytes into the array from the offset, and gives its length; a message longer than
     * the room there is given as a byte array of its own instead.
     */
    static Ring.Decoder bytesInto(byte[] target, int offset) {
        return (buffer, at, length) -> {
            requireBytes(buffer, at);
            int size = length - 1;
            if (size > target.length - offset) {
                return BYTES_ONLY.decode(buffer, at, length);
            }
            buffer.getBytes(at + 1, target, offset, size);
            return size;
        };
    }

    /** Encodes the value into this thread's scratch buffer and returns its length. */
    static int encode(Object value) {
        return encode(scratch(), 0, value);
    }

    /**
     * Encodes the value at the offset (the buffer grows as needed) and returns its length.
     *
     * @throws NotTransferableException if the value holds an object that cannot travel to another process
     */
    static int encode(MemoryBuffer out, int offset, Object value) {
        int length = encodeScalar(out, offset, value);
        return length >= 0 ? length : TypedValues.encode(out, offset, value);
    }

    /** Encodes a null, int, long, boolean, double, string or byte array and returns its length; -1 for others. */
    static int encodeScalar(MemoryBuffer out, int offset, Object value) {
        if (value == null) {
            out.putByte(offset, NULL);
            return 1;
        } else if (value instanceof Integer number) {
            out.putByte(offset, INT);
            out.putInt(offset + 1, number);
            return 5;
        } else if (value instanceof Long number) {
            out.putByte(offset, LONG);
            out.putLong(offset + 1, number);
            return 9;
        } else if (value instanceof Boolean flag) {
            out.putByte(offset, flag ? TRUE : FALSE);
            return 1;
        } else if (value instanceof Double number) {
            out.putByte(offset, DOUBLE);
            out.putDouble(offset + 1, number);
            return 9;
        } else if (value instanceof String text) {
            out.putByte(offset, STRING);
            return 1 + out.putStringWithoutLengthUtf8(offset + 1, text);
        } else if (value instanceof byte[] bytes) {
            out.putByte(offset, BYTES);
            out.putBytes(offset + 1, bytes);
            return 1 + bytes.length;
        }
        return -1;
    }

    /** A copy of the value, as another process would receive it. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        return (T) fromBytes(toBytes(value));
    }

    /** The value encoded on its own, as {@link #encode(MemoryBuffer, int, Object)} lays it out. */
    static byte[] toBytes(Object value) {
        MemoryBuffer buffer = MemoryBuffer.expandable(128);
        byte[] bytes = new byte[encode(buffer, 0, value)];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static Object fromBytes(byte[] bytes) {
        return decode(MemoryBuffer.wrap(bytes), 0, bytes.length);
    }

    static int encodeBytes(byte[] bytes, int offset, int length) {
        MemoryBuffer out = scratch();
        out.putByte(0, BYTES);
        out.putBytes(1, bytes, offset, length);
        return 1 + length;
    }

    /** Drops this thread's buffer if a large message made it large, so that it does not keep the memory. */
    static void releaseLargeScratch() {
        if (SCRATCH.get().capacity() > LARGE_SCRATCH) {
            SCRATCH.remove();
        }
    }

    /** This thread's buffer, holding what {@link #encode} wrote last. */
    static MemoryBuffer scratch() {
        return SCRATCH.get();
    }

    /** Decodes a value that {@link #encode(MemoryBuffer, int, Object)} wrote. */
    static Object decode(MemoryBuffer buffer, int offset, int length) {
        byte tag = buffer.getByte(offset);
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return buffer.getInt(offset + 1);
            case LONG:
                return buffer.getLong(offset + 1);
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case DOUBLE:
                return buffer.getDouble(offset + 1);
            case STRING:
                return buffer.getStringWithoutLengthUtf8(offset + 1, length - 1);
            case BYTES:
                byte[] bytes = new byte[length - 1];
                buffer.getBytes(offset + 1, bytes);
                return bytes;
            case TYPED:
                return TypedValues.decode(buffer, offset, length);
            default:
                throw new IllegalStateException("not a message of this version of mproc: unknown tag " + tag);
        }
    }
}
