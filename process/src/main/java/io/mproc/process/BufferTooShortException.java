package io.mproc.process;

import io.mproc.MprocException;

/**
 * Python's {@code BufferTooShort}: {@link Connection#recvBytesInto} received a message longer than the room in the
 * buffer. The message was consumed; it is here, whole.
 */
public final class BufferTooShortException extends MprocException {

    private static final long serialVersionUID = 1L;

    private final byte[] message;

    BufferTooShortException(byte[] message, int room) {
        super("a message of " + message.length + " bytes does not fit the " + room + " bytes left in the buffer; it"
                + " was received and is in this exception's message()");
        this.message = message;
    }

    /** The whole message that did not fit. */
    public byte[] message() {
        return message.clone();
    }
}
