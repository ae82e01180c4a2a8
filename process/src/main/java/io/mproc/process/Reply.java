package io.mproc.process;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The outcome of a {@link Call}: a value, or a failure. On a {@link ManagerChannel}: a status byte, then the value
 * (a value of {@link Messages}) or the failure's class name and message (UTF-8, each with a 4-byte length).
 *
 * @param value   the result; null for a failure or a void operation
 * @param failure null on success, else the Java class name of the failure to raise in the caller
 * @param message the failure's message
 */
record Reply(Object value, String failure, String message) {

    private static final byte VALUE = 0;
    private static final byte FAILURE = 1;

    static Reply of(Object value) {
        return new Reply(value, null, null);
    }

    static Reply failed(Throwable failure) {
        return new Reply(null, failure.getClass().getName(), String.valueOf(failure.getMessage()));
    }

    /** Writes the reply at the offset; returns where it ends. */
    int encode(MutableDirectBuffer out, int offset) {
        if (failure == null) {
            out.putByte(offset, VALUE);
            return offset + 1 + Messages.encode(out, offset + 1, value);
        }
        out.putByte(offset, FAILURE);
        int position = offset + 1;
        position += out.putStringUtf8(position, failure);
        return position + out.putStringUtf8(position, message);
    }

    /** Reads a reply of {@code length} bytes. */
    static Reply decode(DirectBuffer in, int offset, int length) {
        if (in.getByte(offset) == VALUE) {
            return of(Messages.decode(in, offset + 1, length - 1));
        }
        String failure = in.getStringUtf8(offset + 1);
        String message = in.getStringUtf8(offset + 1 + Integer.BYTES + in.getInt(offset + 1));
        return new Reply(null, failure, message);
    }
}
