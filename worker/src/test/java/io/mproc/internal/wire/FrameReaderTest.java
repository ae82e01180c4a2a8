package io.mproc.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static final int MAX_PAYLOAD = 4096;

    @Test
    void framesSplitAcrossReadsAreReassembled() throws Exception {
        FrameWriter out = new FrameWriter(64, MAX_PAYLOAD);
        for (int i = 0; i < 100; i++) {
            out.begin(Frame.TASK, (byte) 0, i).putInt(i).putLong(i * 3L).end();
        }
        ByteBuffer bytes = written(out);
        List<Long> ids = new ArrayList<>();
        FrameReader reader = new FrameReader(MAX_PAYLOAD);
        while (bytes.hasRemaining()) {
            ByteBuffer piece = bytes.slice().limit(Math.min(7, bytes.remaining()));
            bytes.position(bytes.position() + piece.remaining());
            reader.feed(piece, (type, flags, id, payload) -> {
                assertThat(payload.getInt()).isEqualTo((int) id);
                assertThat(payload.getLong()).isEqualTo(id * 3);
                ids.add(id);
            });
        }
        assertThat(ids).hasSize(100).isSorted();
    }

    @Test
    void badMagicIsRejected() {
        ByteBuffer bytes = header((short) 0x1234, Frame.TASK, 0);
        assertThatThrownBy(() -> new FrameReader(MAX_PAYLOAD).feed(bytes, (t, f, i, p) -> { }))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("bad frame magic 0x1234");
    }

    @Test
    void unknownTypeIsRejected() {
        ByteBuffer bytes = header(Frame.MAGIC, (byte) 99, 0);
        assertThatThrownBy(() -> new FrameReader(MAX_PAYLOAD).feed(bytes, (t, f, i, p) -> { }))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown frame type 99");
    }

    @Test
    void oversizeLengthIsRejectedBeforeAllocating() {
        ByteBuffer bytes = header(Frame.MAGIC, Frame.TASK, Integer.MAX_VALUE);
        assertThatThrownBy(() -> new FrameReader(MAX_PAYLOAD).feed(bytes, (t, f, i, p) -> { }))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("2147483647 bytes is above the maximum of 4096 bytes");
    }

    @Test
    void hundredThousandRandomTruncatedAndOversizeFramesAreRejectedCleanlyWithFlatMemory() {
        SplittableRandom random = new SplittableRandom(42);
        long heapBefore = usedHeap();
        int rejected = 0;
        int delivered = 0;
        for (int i = 0; i < 100_000; i++) {
            FrameReader reader = new FrameReader(MAX_PAYLOAD);
            int[] frames = {0};
            try {
                reader.feed(randomFrame(random, i % 4), (type, flags, id, payload) -> frames[0]++);
                delivered += frames[0];
            } catch (ProtocolException e) {
                assertThat(e.getMessage()).matches(".*(magic|type|maximum).*");
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(50_000);
        assertThat(delivered).isPositive();
        assertThat(usedHeap() - heapBefore).isLessThan(32L * 1024 * 1024);
    }

    /** Kind 0: random bytes; 1: valid header, truncated payload; 2: oversize length; 3: valid header, random type. */
    private static ByteBuffer randomFrame(SplittableRandom random, int kind) {
        byte[] noise = new byte[random.nextInt(1, 64)];
        random.nextBytes(noise);
        return switch (kind) {
            case 0 -> ByteBuffer.wrap(noise);
            case 1 -> concat(header(Frame.MAGIC, Frame.RESULT, random.nextInt(65, MAX_PAYLOAD)), noise);
            case 2 -> header(Frame.MAGIC, Frame.RESULT, random.nextInt(MAX_PAYLOAD + 1, Integer.MAX_VALUE));
            default -> concat(header(Frame.MAGIC, (byte) random.nextInt(256), noise.length), noise);
        };
    }

    private static ByteBuffer header(short magic, byte type, int length) {
        ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(magic).put(type).put((byte) 0).putInt(length).putLong(7);
        return header.flip();
    }

    private static ByteBuffer concat(ByteBuffer first, byte[] second) {
        return ByteBuffer.allocate(first.remaining() + second.length).put(first).put(second).flip();
    }

    private static ByteBuffer written(FrameWriter out) throws Exception {
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        out.flushTo(java.nio.channels.Channels.newChannel(sink));
        return ByteBuffer.wrap(sink.toByteArray());
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
