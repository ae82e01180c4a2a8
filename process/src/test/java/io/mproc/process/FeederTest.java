package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.internal.shm.MemoryBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An unbounded queue's buffer in the producing process: what overflows the ring, its order, streaming, abandon. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FeederTest {

    private static final AtomicInteger RINGS = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int SLOT = 64;
    private static final int LIMIT = 1 << 20;

    @TempDir
    Path directory;
    private final List<Ring> rings = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void abandonAndDelete() {
        Feeder.abandonAll(directory);
        rings.forEach(Ring::delete);
        threads.shutdownNow();
    }

    @Test
    void itemsGoStraightIntoTheRingWhileItHasRoom() {
        Ring ring = ring(4);

        put(ring, "a");
        put(ring, "b");
        put(ring, "c");

        assertThat(Feeder.waiting(ring)).isZero();
        assertThat(ring.size()).isEqualTo(3);
        assertThat(feederThread(ring)).as("no thread for a ring with room").isEmpty();
        assertThat(take(ring, 3)).containsExactly("a", "b", "c");
    }

    @Test
    void whatDoesNotFitTheRingWaitsInThisProcessAndComesOutInOrder() {
        Ring ring = ring(4);
        List<String> items = items("m", 50);

        items.forEach(item -> put(ring, item));

        assertThat(ring.size()).isEqualTo(4);
        assertThat(Feeder.waiting(ring)).isEqualTo(46);
        assertThat(take(ring, 50)).containsExactlyElementsOf(items);
        eventually().until(() -> Feeder.waiting(ring) == 0 && feederThread(ring).isEmpty());
    }

    @Test
    void putsAndTakesInTurnKeepTheOrderOfThePuts() {
        Ring ring = ring(2);
        List<String> items = items("m", 150);
        List<String> taken = new ArrayList<>();

        for (int i = 0; i < items.size(); i++) {
            put(ring, items.get(i));
            if (i % 3 == 2) {
                Object item = ring.poll(FeederTest::text);
                if (item != Ring.EMPTY) {
                    taken.add((String) item);
                }
            }
        }
        taken.addAll(take(ring, items.size() - taken.size()));

        assertThat(taken).containsExactlyElementsOf(items);
    }

    @Test
    void eachProducerThreadsItemsKeepTheirOrder() throws Exception {
        Ring ring = ring(8);
        int producers = 3;
        int each = 60;
        List<Future<?>> putting = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<String> items = items(p + ":", each);
            putting.add(threads.submit(() -> items.forEach(item -> put(ring, item))));
        }

        List<String> taken = take(ring, producers * each);

        for (Future<?> producer : putting) {
            producer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        Map<String, List<String>> byProducer = taken.stream()
                .collect(Collectors.groupingBy(item -> item.substring(0, item.indexOf(':') + 1)));
        assertThat(byProducer).hasSize(producers);
        byProducer.forEach((producer, items) ->
                assertThat(items).as("producer %s", producer).containsExactlyElementsOf(items(producer, each)));
    }

    @Test
    void anItemLongerThanASlotIsBufferedAndStreamedInItsTurnWithoutHoldingUpPut() {
        Ring ring = ring(4);
        byte[] large = new byte[10_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }

        put(ring, "before");
        Feeder.put(ring, MemoryBuffer.wrap(large), large.length);
        assertThat(Feeder.waiting(ring)).as("nobody reads yet, so it cannot be all in").isEqualTo(1);
        put(ring, "after");
        assertThat(Feeder.waiting(ring)).as("behind the long item").isEqualTo(2);

        List<Object> taken = take(ring, 3, FeederTest::bytes);

        assertThat(taken).hasSize(3);
        assertThat(taken.get(0)).isEqualTo(utf8("before"));
        assertThat(taken.get(1)).isEqualTo(large);
        assertThat(taken.get(2)).isEqualTo(utf8("after"));
        eventually().until(() -> Feeder.waiting(ring) == 0);
    }

    @Test
    void anItemAboveTheQueuesLimitIsRefusedAndNothingIsBuffered() {
        Ring ring = ring(2, 1_000);
        byte[] tooLarge = new byte[1_001];

        assertThatThrownBy(() -> Feeder.put(ring, MemoryBuffer.wrap(tooLarge), tooLarge.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001 bytes is larger than the 1000 bytes");
        assertThat(Feeder.waiting(ring)).isZero();
        assertThat(ring.size()).isZero();
    }

    @Test
    void abandoningADirectoryDropsWhatItsRingsStillBufferAndEndsTheirFeederThreads() {
        Ring ring = ring(2);
        items("m", 10).forEach(item -> put(ring, item));
        assertThat(feederThread(ring)).isPresent();

        Feeder.abandonAll(directory);

        assertThat(Feeder.waiting(ring)).isZero();
        eventually().until(() -> feederThread(ring).isEmpty());
        assertThat(take(ring, 2)).containsExactly("m0", "m1");
        assertThat(ring.poll(FeederTest::text)).as("nothing more comes").isSameAs(Ring.EMPTY);
    }

    @Test
    void abandoningADirectoryLeavesTheRingsOfOtherDirectoriesAlone() throws IOException {
        Path closed = Files.createDirectory(directory.resolve("context"));
        Path open = Files.createDirectory(directory.resolve("context2"));
        Ring abandoned = ring(closed, 2, LIMIT);
        Ring kept = ring(open, 2, LIMIT);
        items("m", 10).forEach(item -> {
            put(abandoned, item);
            put(kept, item);
        });

        Feeder.abandonAll(closed);

        assertThat(Feeder.waiting(abandoned)).isZero();
        assertThat(Feeder.waiting(kept)).isEqualTo(8);
        assertThat(take(kept, 10)).containsExactlyElementsOf(items("m", 10));
    }

    @Test
    void abandoningEndsAFeederThreadWaitingForRoomToStreamALongItem() {
        Ring ring = ring(2);
        put(ring, "a");
        put(ring, "b");
        byte[] large = new byte[1_000];
        Feeder.put(ring, MemoryBuffer.wrap(large), large.length);
        assertThat(feederThread(ring)).isPresent();

        Feeder.abandonAll(directory);

        eventually().until(() -> feederThread(ring).isEmpty());
        assertThat(take(ring, 2)).containsExactly("a", "b");
        assertThat(ring.poll(FeederTest::text)).isSameAs(Ring.EMPTY);
    }

    @Test
    void abandoningEndsAFeederThreadMidwayThroughStreamingALongItem() {
        Ring ring = ring(4);
        byte[] large = new byte[10_000];
        Feeder.put(ring, MemoryBuffer.wrap(large), large.length);
        eventually().alias("the stream has begun").until(() -> ring.size() == 1);

        Feeder.abandonAll(directory);

        eventually().until(() -> feederThread(ring).isEmpty());
    }

    @Test
    void flushAllReturnsOnceEveryBufferedItemIsInItsRing() throws Exception {
        Ring ring = ring(2);
        List<String> items = items("m", 20);
        items.forEach(item -> put(ring, item));
        Future<List<String>> consumer = threads.submit(() -> take(ring, items.size()));

        Future<?> flushed = threads.submit(() -> {
            Feeder.flushAll();
            return null;
        });

        flushed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(Feeder.waiting(ring)).isZero();
        assertThat(consumer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).containsExactlyElementsOf(items);
    }

    @Test
    void flushAllStopsWaitingWhenTheRingsContextIsClosed() throws InterruptedException {
        Ring ring = ring(2);
        items("m", 10).forEach(item -> put(ring, item));
        Thread flushing = new Thread(() -> {
            try {
                Feeder.flushAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feeder-test-flush");
        flushing.setDaemon(true);
        flushing.start();
        eventually().until(() -> flushing.getState() == Thread.State.WAITING);

        Feeder.abandonAll(directory);

        flushing.join(PATIENCE.toMillis());
        assertThat(flushing.isAlive()).isFalse();
    }

    @Test
    void putsIntoAFullRingThatNobodyDrainsDoNotEachWaitForRoom() {
        Ring ring = ring(2);
        put(ring, "a");
        put(ring, "b");
        List<String> items = items("m", 3_000);

        long start = System.nanoTime();
        items.forEach(item -> put(ring, item));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("3000 puts that each waited their millisecond would take 3 s")
                .isLessThan(Duration.ofMillis(1_500));
        assertThat(Feeder.waiting(ring)).isEqualTo(3_000);
    }

    // ---- helpers ----

    private Ring ring(int capacity) {
        return ring(capacity, LIMIT);
    }

    private Ring ring(int capacity, int limit) {
        return ring(directory, capacity, limit);
    }

    /** An unbounded queue's ring of 64-byte slots; the file name is unique, as it names the feeder's thread. */
    private Ring ring(Path in, int capacity, int limit) {
        Ring ring = Ring.create(in.resolve("feeder-" + RINGS.incrementAndGet() + ".ring"), capacity, SLOT, limit,
                true);
        rings.add(ring);
        return ring;
    }

    /** Waits for a condition, checking it every millisecond. */
    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    private static List<String> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static void put(Ring ring, String item) {
        byte[] bytes = utf8(item);
        Feeder.put(ring, MemoryBuffer.wrap(bytes), bytes.length);
    }

    /** Takes that many items, waiting for the feeder to move them in. */
    private static List<String> take(Ring ring, int count) {
        return take(ring, count, FeederTest::text).stream().map(String.class::cast).toList();
    }

    private static List<Object> take(Ring ring, int count, Ring.Decoder decoder) {
        List<Object> taken = new ArrayList<>();
        eventually().pollInSameThread().until(() -> {
                    while (taken.size() < count) {
                        Object item = ring.poll(decoder);
                        if (item == Ring.EMPTY) {
                            return false;
                        }
                        taken.add(item);
                    }
                    return true;
                });
        return taken;
    }

    /** The thread that moves the ring's buffered items in, while it runs. */
    private static Optional<Thread> feederThread(Ring ring) {
        String name = "mproc-queue-feeder-" + ring.path.getFileName();
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .filter(Thread::isAlive).findFirst();
    }

    private static Object text(MemoryBuffer buffer, int offset, int length) {
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }

    private static Object bytes(MemoryBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
