package io.mproc.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Builds frames in one growable buffer so that many frames leave in one write. A frame is started with
 * {@link #begin}, filled through the put methods or {@link #stream()}, and closed with {@link #end}, which writes
 * its length. Not thread-safe.
 */
public final class FrameWriter {

    private final int maxPayload;
    private final OutputStream stream = new PayloadStream();
    private ByteBuffer buffer;
    private int frameStart = -1;

    public FrameWriter(int initialCapacity, int maxPayload) {
        this.maxPayload = maxPayload;
        this.buffer = ByteBuffer.allocate(initialCapacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    public FrameWriter begin(byte type, byte flags, long requestId) {
        ensure(Frame.HEADER_LENGTH);
        frameStart = buffer.position();
        buffer.putShort(Frame.MAGIC).put(type).put(flags).putInt(0).putLong(requestId);
        return this;
    }

    /**
     * Closes the frame started last.
     *
     * @throws FrameTooLargeException if its payload is above the maximum; the frame is then dropped
     */
    public void end() {
        int length = buffer.position() - frameStart - Frame.HEADER_LENGTH;
        if (length > maxPayload) {
            buffer.position(frameStart);
            frameStart = -1;
            throw new FrameTooLargeException(length, maxPayload);
        }
        buffer.putInt(frameStart + Frame.LENGTH_OFFSET, length);
        frameStart = -1;
    }

    /** Drops the frame started last. */
    public void abandon() {
        buffer.position(frameStart);
        frameStart = -1;
    }

    /** Position of the next byte within the current frame's payload. */
    public int payloadPosition() {
        return buffer.position() - frameStart - Frame.HEADER_LENGTH;
    }

    /** Writes an int at a position of the current frame's payload that was already filled. */
    public void putIntAt(int payloadPosition, int value) {
        buffer.putInt(frameStart + Frame.HEADER_LENGTH + payloadPosition, value);
    }

    public FrameWriter putByte(byte value) {
        ensure(1);
        buffer.put(value);
        return this;
    }

    public FrameWriter putInt(int value) {
        ensure(Integer.BYTES);
        buffer.putInt(value);
        return this;
    }

    public FrameWriter putLong(long value) {
        ensure(Long.BYTES);
        buffer.putLong(value);
        return this;
    }

    public FrameWriter putBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        buffer.put(bytes, offset, length);
        return this;
    }

    /** A stream that appends to the current frame's payload, for encoders. */
    public OutputStream stream() {
        return stream;
    }

    public boolean isEmpty() {
        return buffer.position() == 0;
    }

    public int size() {
        return buffer.position();
    }

    /**
     * Writes the completed frames. With a non-blocking channel, what did not fit stays for the next call.
     *
     * @return true when everything was written
     */
    public boolean flushTo(WritableByteChannel channel) throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            buffer.compact();
        }
    }

    private void ensure(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        long needed = (long) buffer.position() + bytes;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, buffer.capacity() * 2L));
        if (capacity < needed) {
            throw new FrameTooLargeException(needed, maxPayload);
        }
        ByteBuffer grown = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    private final class PayloadStream extends OutputStream {
        @Override
        public void write(int b) {
            putByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            putBytes(bytes, offset, length);
        }
    }
}
