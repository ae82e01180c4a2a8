package io.mproc.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a channel into one reusable buffer and hands each complete frame to a handler. The header is
 * checked before anything is allocated for the payload: a bad magic, an unknown type or a length above the
 * maximum ends the connection with a {@link ProtocolException}. Not thread-safe: one reader per connection.
 */
public final class FrameReader {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final int maxPayload;
    private ByteBuffer buffer;

    public FrameReader(int maxPayload) {
        this.maxPayload = maxPayload;
        this.buffer = ByteBuffer.allocate(INITIAL_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads what the channel has and delivers every complete frame.
     *
     * @return the number of bytes read; 0 when a non-blocking channel had none
     * @throws EOFException when the peer closed the connection
     */
    public int read(ReadableByteChannel channel, FrameHandler handler) throws IOException, ProtocolException {
        int read = channel.read(buffer);
        if (read < 0) {
            throw new EOFException("connection closed by peer");
        }
        buffer.flip();
        try {
            deliver(handler);
        } finally {
            buffer.compact();
        }
        return read;
    }

    /** Decodes the frames held in {@code bytes}, as if they had been read; for tests and fuzzing. */
    public void feed(ByteBuffer bytes, FrameHandler handler) throws ProtocolException {
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), buffer.remaining());
            ByteBuffer part = bytes.slice().limit(n);
            buffer.put(part);
            bytes.position(bytes.position() + n);
            buffer.flip();
            try {
                deliver(handler);
            } finally {
                buffer.compact();
            }
        }
    }

    private void deliver(FrameHandler handler) throws ProtocolException {
        while (buffer.remaining() >= Frame.HEADER_LENGTH) {
            int start = buffer.position();
            int length = checkHeader(start);
            int frameLength = Frame.HEADER_LENGTH + length;
            if (buffer.remaining() < frameLength) {
                ensureCapacity(frameLength);
                return;
            }
            ByteBuffer payload = buffer.slice(start + Frame.HEADER_LENGTH, length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.position(start + frameLength);
            handler.onFrame(buffer.get(start + Frame.TYPE_OFFSET), buffer.get(start + Frame.FLAGS_OFFSET),
                    buffer.getLong(start + Frame.REQUEST_ID_OFFSET), payload);
        }
    }

    private int checkHeader(int start) throws ProtocolException {
        short magic = buffer.getShort(start + Frame.MAGIC_OFFSET);
        if (magic != Frame.MAGIC) {
            throw new ProtocolException(String.format(
                    "bad frame magic 0x%04X (expected 0x%04X): the peer does not speak the mproc protocol",
                    magic & 0xFFFF, Frame.MAGIC));
        }
        byte type = buffer.get(start + Frame.TYPE_OFFSET);
        if (!Frame.isKnownType(type)) {
            throw new ProtocolException("unknown frame type " + type);
        }
        int length = buffer.getInt(start + Frame.LENGTH_OFFSET);
        if (length < 0 || length > maxPayload) {
            throw new ProtocolException("frame payload of " + Integer.toUnsignedString(length)
                    + " bytes is above the maximum of " + maxPayload + " bytes");
        }
        return length;
    }

    /** Called with the buffer in read mode; compact() afterwards keeps the partial frame at the start. */
    private void ensureCapacity(int frameLength) {
        if (frameLength <= buffer.capacity()) {
            return;
        }
        int capacity = Math.max(frameLength, (int) Math.min(Integer.MAX_VALUE - 8, buffer.capacity() * 2L));
        ByteBuffer grown = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        grown.put(buffer);
        grown.flip();
        buffer = grown;
    }
}
