package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.internal.shm.MemoryBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ring's own rules, in one process: order, bounds, laps, streaming, and its file's layout check. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RingTest {

    @TempDir
    Path directory;
    private final List<Ring> rings = new ArrayList<>();

    @AfterEach
    void delete() {
        rings.forEach(Ring::delete);
    }

    @Test
    void messagesComeOutInTheOrderTheyWentInOverManyLaps() {
        Ring ring = ring(4, 64);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(offer(ring, "m" + i)).isTrue();
            if (i % 3 == 2) {
                while (ring.size() > 0) {
                    out.add(poll(ring));
                }
            }
        }
        while (ring.size() > 0) {
            out.add(poll(ring));
        }
        assertThat(out).hasSize(1_000).startsWith("m0", "m1", "m2").endsWith("m998", "m999");
        assertThat(out).isSortedAccordingTo((a, b) -> Integer.compare(index(a), index(b)));
    }

    @Test
    void aCapacityThatIsNoPowerOfTwoStillBoundsTheRing() {
        Ring ring = ring(3, 64);
        assertThat(offer(ring, "a")).isTrue();
        assertThat(offer(ring, "b")).isTrue();
        assertThat(offer(ring, "c")).isTrue();
        assertThat(offer(ring, "d")).as("a fourth slot exists, but the capacity is three").isFalse();
        assertThat(ring.size()).isEqualTo(3);
        assertThat(poll(ring)).isEqualTo("a");
        assertThat(offer(ring, "d")).isTrue();
    }

    @Test
    void anEmptyRingPollsEmpty() {
        assertThat(ring(2, 64).poll(RingTest::text)).isSameAs(Ring.EMPTY);
    }

    @Test
    void aMessageLongerThanASlotIsStreamedWhileAConsumerReadsIt() throws Exception {
        Ring ring = Ring.create(directory.resolve("stream.ring"), 4, 64, 1 << 20, false);
        rings.add(ring);
        byte[] large = new byte[10_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        CompletableFuture<Object> received = CompletableFuture.supplyAsync(() -> {
            Object message;
            do {
                message = ring.poll((buffer, offset, length) -> copy(buffer, offset, length));
            } while (message == Ring.EMPTY);
            return message;
        });
        assertThat(ring.stream(MemoryBuffer.wrap(large), 0, large.length, -1, () -> { }, () -> { })).isTrue();
        assertThat((byte[]) received.get(20, TimeUnit.SECONDS)).isEqualTo(large);
        assertThat(ring.size()).isZero();
    }

    @Test
    void aMessageAboveTheLimitIsRefusedWithTheLimitInTheMessage() {
        Ring ring = Ring.create(directory.resolve("limited.ring"), 4, 64, 1_000, false);
        rings.add(ring);
        assertThatThrownBy(() -> ring.requireFits(1_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001 bytes is larger than the 1000 bytes");
    }

    @Test
    void aFileThatIsNoRingIsRefusedOnAttach() throws IOException {
        Path file = Files.write(directory.resolve("not-a.ring"), new byte[64 * 1024]);
        assertThatThrownBy(() -> Ring.attach(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not an mproc queue or pipe");
    }

    @Test
    void aRingFromAnotherLayoutVersionIsRefusedOnAttachNamingBothVersions() {
        Path file = directory.resolve("old.ring");
        Ring ring = Ring.create(file, 2, 64, 64, false);
        ring.delete();
        MemoryBuffer mapped = MappedFile.create(file, RingDescriptor.fileLength(2, 64));
        mapped.putInt(RingDescriptor.VERSION_OFFSET, RingDescriptor.VERSION + 1);
        mapped.putInt(RingDescriptor.MAGIC_OFFSET, RingDescriptor.MAGIC);
        assertThatThrownBy(() -> Ring.attach(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("layout version " + (RingDescriptor.VERSION + 1))
                .hasMessageContaining("reads version " + RingDescriptor.VERSION);
    }

    private Ring ring(int capacity, int maxMessage) {
        Ring ring = Ring.create(directory.resolve("ring-" + rings.size()), capacity, maxMessage);
        rings.add(ring);
        return ring;
    }

    private static boolean offer(Ring ring, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ring.offer(MemoryBuffer.wrap(bytes), 0, bytes.length);
    }

    private static String poll(Ring ring) {
        return (String) ring.poll(RingTest::text);
    }

    private static Object text(MemoryBuffer buffer, int offset, int length) {
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }

    private static byte[] copy(MemoryBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static int index(String message) {
        return Integer.parseInt(message.substring(1));
    }
}
