package io.mproc.process;

import io.mproc.NotTransferableException;
import io.mproc.internal.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import tools.jackson.core.JacksonException;

/**
 * How values are laid out in a ring slot: a tag byte, then the value. Integers, longs, doubles, booleans, strings
 * and byte arrays have their own tags so that the common messages skip Jackson; everything else is CBOR through {@link Values}.
 */
final class Messages {

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte STRING = 3;
    private static final byte BYTES = 4;
    private static final byte CBOR = 5;
    private static final byte FALSE = 6;
    private static final byte TRUE = 7;
    private static final byte DOUBLE = 8;
    private static final ThreadLocal<ExpandableArrayBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(256));

    static final Ring.Decoder VALUE = Messages::decode;
    static final Ring.Decoder BYTES_ONLY = (buffer, offset, length) -> {
        if (buffer.getByte(offset) != BYTES) {
            throw new IllegalStateException("recvBytes() found a value sent with send(); use recv()");
        }
        byte[] bytes = new byte[length - 1];
        buffer.getBytes(offset + 1, bytes);
        return bytes;
    };

    private Messages() {
    }

    /** Encodes the value into this thread's scratch buffer and returns its length. */
    static int encode(Object value) {
        return encode(scratch(), 0, value);
    }

    /** Encodes the value at the offset (the buffer grows as needed) and returns its length. */
    static int encode(MutableDirectBuffer out, int offset, Object value) {
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
        try {
            byte[] cbor = Values.MAPPER.writeValueAsBytes(value);
            out.putByte(offset, CBOR);
            out.putBytes(offset + 1, cbor);
            return 1 + cbor.length;
        } catch (JacksonException e) {
            throw new NotTransferableException("cannot send a " + value.getClass().getName() + " to another process: "
                    + e.getOriginalMessage(), e);
        }
    }

    static int encodeBytes(byte[] bytes, int offset, int length) {
        MutableDirectBuffer out = scratch();
        out.putByte(0, BYTES);
        out.putBytes(1, bytes, offset, length);
        return 1 + length;
    }

    /** This thread's buffer, holding what {@link #encode} wrote last. */
    static ExpandableArrayBuffer scratch() {
        return SCRATCH.get();
    }

    /** Decodes a value that {@link #encode(MutableDirectBuffer, int, Object)} wrote. */
    static Object decode(DirectBuffer buffer, int offset, int length) {
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
            default:
                byte[] bytes = new byte[length - 1];
                buffer.getBytes(offset + 1, bytes);
                return tag == BYTES ? bytes : Values.MAPPER.readValue(bytes, Object.class);
        }
    }
}
