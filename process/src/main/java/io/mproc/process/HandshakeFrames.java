package io.mproc.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/** Length-prefixed messages on a blocking channel, for the manager's protocol: a 4-byte length, then the bytes. */
final class HandshakeFrames {

    private static final int MAX_LENGTH = 64 * 1024 * 1024;

    private HandshakeFrames() {
    }

    static void write(ByteChannel channel, byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    static byte[] read(ByteChannel channel) throws IOException {
        ByteBuffer header = readFully(channel, ByteBuffer.allocate(4));
        int length = header.getInt(0);
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("a manager message of " + length + " bytes is not acceptable");
        }
        return readFully(channel, ByteBuffer.allocate(length)).array();
    }

    private static ByteBuffer readFully(ByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the other side closed the connection");
            }
        }
        return buffer;
    }
}
