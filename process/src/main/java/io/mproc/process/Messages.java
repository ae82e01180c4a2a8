package io.mproc.process;

import io.mproc.NotTransferableException;
import io.mproc.internal.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import tools.jackson.core.JacksonException;

/**
 * How values are laid out in a ring slot: a tag byte, then the value. Integers, longs, strings and byte arrays
 * have their own tags so that the common messages skip Jackson; everything else is CBOR through {@link Values}.
 */
final class Messages {

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte STRING = 3;
    private static final byte BYTES = 4;
    private static final byte CBOR = 5;
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
        MutableDirectBuffer out = scratch();
        if (value == null) {
            out.putByte(0, NULL);
            return 1;
        } else if (value instanceof Integer number) {
            out.putByte(0, INT);
            out.putInt(1, number);
            return 5;
        } else if (value instanceof Long number) {
            out.putByte(0, LONG);
            out.putLong(1, number);
            return 9;
        } else if (value instanceof String text) {
            out.putByte(0, STRING);
            return 1 + out.putStringWithoutLengthUtf8(1, text);
        } else if (value instanceof byte[] bytes) {
            return encodeBytes(bytes, 0, bytes.length);
        }
        try {
            byte[] cbor = Values.MAPPER.writeValueAsBytes(value);
            out.putByte(0, CBOR);
            out.putBytes(1, cbor);
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

    private static Object decode(DirectBuffer buffer, int offset, int length) {
        byte tag = buffer.getByte(offset);
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return buffer.getInt(offset + 1);
            case LONG:
                return buffer.getLong(offset + 1);
            case STRING:
                return buffer.getStringWithoutLengthUtf8(offset + 1, length - 1);
            default:
                byte[] bytes = new byte[length - 1];
                buffer.getBytes(offset + 1, bytes);
                return tag == BYTES ? bytes : Values.MAPPER.readValue(bytes, Object.class);
        }
    }
}
