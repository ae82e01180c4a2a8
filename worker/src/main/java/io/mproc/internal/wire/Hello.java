package io.mproc.internal.wire;

import java.nio.ByteBuffer;

/**
 * The first frame a worker sends: proof that it holds the pool's token, who it is, and how many frames it will
 * buffer (its credits).
 */
public record Hello(byte[] token, long pid, int workerId, int credits) {

    public static final int TOKEN_LENGTH = 32;

    public void writeTo(FrameWriter out) {
        out.begin(Frame.HELLO, (byte) 0, 0).putBytes(token, 0, TOKEN_LENGTH).putLong(pid).putInt(workerId)
                .putInt(credits).end();
    }

    public static Hello read(ByteBuffer payload) throws ProtocolException {
        if (payload.remaining() != TOKEN_LENGTH + Long.BYTES + 2 * Integer.BYTES) {
            throw new ProtocolException("HELLO payload of " + payload.remaining() + " bytes has the wrong length");
        }
        byte[] token = new byte[TOKEN_LENGTH];
        payload.get(token);
        return new Hello(token, payload.getLong(), payload.getInt(), payload.getInt());
    }
}
