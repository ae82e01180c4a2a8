package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.MprocException;
import io.mproc.internal.shm.MemoryBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingStreamTest {

    @TempDir
    Path dir;

    /**
     * A later stream's hold is checked against the pid in these slots; one left by a stream that ended normally,
     * whose process may have exited since, made a healthy queue look broken to the other side of the next stream.
     */
    @Test
    void aStreamThatEndedLeavesNoStreamerPidForTheNextStreamsHoldToBeBlamedOn() throws Exception {
        Path file = dir.resolve("stream.ring");
        Ring ring = Ring.create(file, 8, 1024, Ring.LARGEST_MESSAGE, false);
        SharedQueue<byte[]> queue = new SharedQueue<>(ring);
        byte[] big = new byte[64 * 1024];
        Arrays.fill(big, (byte) 7);
        Thread producer = new Thread(() -> queue.put(big), "producer");
        producer.start();

        assertThat(queue.get(Duration.ofSeconds(30))).isEqualTo(big);
        producer.join(30_000);

        MemoryBuffer view = MappedFile.attach(file);
        assertThat(view.getLongVolatile(RingDescriptor.STREAM_WRITER_OFFSET)).isZero();
        assertThat(view.getLongVolatile(RingDescriptor.STREAM_READER_OFFSET)).isZero();
        ring.delete();
    }

    /**
     * A producer killed after it claimed the tail for a long message but before it published the first piece left
     * consumers finding the queue empty forever; the pid it wrote before its claim now tells them it is dead.
     */
    @Test
    void aConsumerFailsWhenTheProducerHoldingTheTailDiedBeforeItsFirstPiece() throws Exception {
        Path file = dir.resolve("claimed.ring");
        Ring ring = Ring.create(file, 8, 1024, Ring.LARGEST_MESSAGE, false);
        SharedQueue<byte[]> queue = new SharedQueue<>(ring);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        MemoryBuffer view = MappedFile.attach(file);
        view.putLongVolatile(RingDescriptor.STREAM_WRITER_OFFSET, gone.pid());
        long tail = view.getLongVolatile(RingDescriptor.TAIL_OFFSET);
        view.putLongVolatile(RingDescriptor.TAIL_OFFSET, tail + 1 | Ring.HELD);

        assertThatThrownBy(() -> queue.get(Duration.ofSeconds(30))).isInstanceOf(MprocException.class)
                .hasMessageContaining("ended midway");
        ring.delete();
    }
}
