package io.mproc.internal.wire;

import java.nio.ByteBuffer;

/** Receives decoded frames. The payload view is valid only during the call. */
@FunctionalInterface
public interface FrameHandler {

    /**
     * @param payload little-endian view of exactly the payload bytes, position 0; backed by an array
     */
    void onFrame(byte type, byte flags, long requestId, ByteBuffer payload) throws ProtocolException;
}
