package io.mproc.process;

import io.mproc.internal.shm.MemoryBuffer;


/**
 * The outcome of a {@link Call}: a value, or a failure. On a {@link ManagerChannel}: a status byte, then the value (a
 * value of {@link Messages}) or the failure's {@link Failure} code (1 byte) and message (UTF-8 with a 4-byte length).
 *
 * @param value   the result; null for a failure or a void operation
 * @param failure null on success, else the kind of failure to raise in the caller
 * @param message the failure's message
 */
record Reply(Object value, Failure failure, String message) {

    private static final byte VALUE = 0;
    private static final byte FAILURE = 1;

    static Reply of(Object value) {
        return new Reply(value, null, null);
    }

    static Reply failed(Throwable failure) {
        Failure kind = Failure.of(failure);
        String message = kind == Failure.OTHER ? failure.getClass().getName() + ": " + failure.getMessage()
                : String.valueOf(failure.getMessage());
        return new Reply(null, kind, message);
    }

    /** Writes the reply at the offset; returns where it ends. */
    int encode(MemoryBuffer out, int offset) {
        if (failure == null) {
            out.putByte(offset, VALUE);
            return offset + 1 + Messages.encode(out, offset + 1, value);
        }
        out.putByte(offset, FAILURE);
        out.putByte(offset + 1, failure.code());
        return offset + 2 + out.putStringUtf8(offset + 2, message);
    }

    /** Reads a reply of {@code length} bytes. */
    static Reply decode(MemoryBuffer in, int offset, int length) {
        if (in.getByte(offset) == VALUE) {
            return of(Messages.decode(in, offset + 1, length - 1));
        }
        return new Reply(null, Failure.of(in.getByte(offset + 1)), in.getStringUtf8(offset + 2));
    }
}
