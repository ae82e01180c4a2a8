package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.MprocException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages longer than a slot are streamed through the ring in pieces, up to 1 GiB. */
class LargeMessagesTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(60);
    private static final int BIG = 40 << 20;

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aPipeCarriesMessagesLargerThan16MiBBothWays() {
        Pipe pipe = context.pipe();
        ChildProcess echo = context.process(LargeMessagesTest::echoBytes, pipe.second()).start();
        pipe.second().close();
        byte[] big = pattern(BIG, 7);
        pipe.first().sendBytes(big);
        pipe.first().send("small after big");
        assertThat(pipe.first().recvBytes()).isEqualTo(big);
        assertThat((String) pipe.first().recv()).isEqualTo("small after big");
        pipe.first().close();
        assertThat(echo.join(LONG_ENOUGH)).isTrue();
        assertThat(echo.exitCode()).hasValue(0);
    }

    @Test
    void anUnboundedQueueCarriesAnItemLargerThan16MiBFromAChildInOrder() {
        SharedQueue<Object> queue = context.queue();
        ChildProcess producer = context.process(LargeMessagesTest::putSmallBigSmall, queue).start();
        assertThat(queue.get(LONG_ENOUGH)).isEqualTo("before");
        assertThat((byte[]) queue.get(LONG_ENOUGH)).isEqualTo(pattern(BIG, 3));
        assertThat(queue.get(LONG_ENOUGH)).isEqualTo("after");
        assertThat(producer.join(LONG_ENOUGH)).isTrue();
        assertThat(producer.exitCode()).hasValue(0);
    }

    @Test
    void largeAndSmallItemsFromSeveralProducersToSeveralConsumersArriveWholeAndInEachProducersOrder() {
        SharedQueue<List<Integer>> items = context.queue(3);
        SharedQueue<List<String>> reports = context.queue();
        List<ChildProcess> children = new ArrayList<>();
        for (int producer = 0; producer < 3; producer++) {
            children.add(context.process(LargeMessagesTest::produceMixed, items, producer).start());
        }
        for (int consumer = 0; consumer < 2; consumer++) {
            children.add(context.process(LargeMessagesTest::consumeMixed, items, reports).start());
        }
        for (ChildProcess child : children.subList(0, 3)) {
            assertThat(child.join(LONG_ENOUGH)).isTrue();
        }
        items.put(List.of(-1));
        items.put(List.of(-1));
        List<String> received = new ArrayList<>(reports.get(LONG_ENOUGH));
        received.addAll(reports.get(LONG_ENOUGH));
        assertThat(received).doesNotContain("corrupt").hasSize(3 * 40);
        for (int producer = 0; producer < 3; producer++) {
            String prefix = producer + ":";
            assertThat(received.stream().filter(item -> item.startsWith(prefix)))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).mapToObj(i -> prefix + i).toList());
        }
        children.forEach(child -> assertThat(child.join(LONG_ENOUGH)).isTrue());
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
    }

    @Test
    void aMessageOverTheQueuesLimitFailsClearlyAndSendsNothing() {
        SharedQueue<byte[]> queue = context.queue(0, 64 * 1024);
        assertThatThrownBy(() -> queue.put(new byte[100 * 1024])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than the 65536 bytes this queue or pipe takes");
        assertThat(queue.isEmpty()).isTrue();
        assertThatThrownBy(() -> context.queue(0, Ring.LARGEST_MESSAGE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 1073741824 bytes");
    }

    @Test
    void aConsumerOfAStreamedItemWhoseProducerWasKilledMidwayFailsInsteadOfWaitingForever() {
        SharedQueue<byte[]> queue = context.queue(1);
        ChildProcess producer = context.process(LargeMessagesTest::putBig, queue).start();
        await().atMost(LONG_ENOUGH).until(() -> queue.size() == 1);
        producer.kill();
        assertThat(producer.join(LONG_ENOUGH)).isTrue();
        assertThatThrownBy(() -> queue.get(LONG_ENOUGH)).isInstanceOf(MprocException.class)
                .hasMessageContaining("ended midway");
    }

    private static void putBig(SharedQueue<byte[]> queue) {
        queue.put(new byte[BIG]);
    }

    private static void echoBytes(Connection connection) {
        connection.sendBytes(connection.recvBytes());
        connection.send(connection.recv());
        connection.close();
    }

    private static void putSmallBigSmall(SharedQueue<Object> queue) {
        queue.put("before");
        queue.put(pattern(BIG, 3));
        queue.put("after");
    }

    /** Puts 40 items: every fourth a list of about 1 MiB encoded, the others short; each ends with its number. */
    private static void produceMixed(SharedQueue<List<Integer>> items, Integer producer) {
        for (int i = 0; i < 40; i++) {
            int length = i % 4 == 0 ? 200_000 : 3;
            List<Integer> item = new ArrayList<>(IntStream.range(0, length).map(k -> k * 31 + producer).boxed()
                    .toList());
            item.add(producer);
            item.add(i);
            items.put(item);
        }
    }

    /** Checks each item is whole, and reports "producer:number" for it, or "corrupt"; in the order taken. */
    private static void consumeMixed(SharedQueue<List<Integer>> items, SharedQueue<List<String>> reports) {
        List<String> seen = new ArrayList<>();
        int[] last = {-1, -1, -1};
        while (true) {
            List<Integer> item = items.get();
            if (item.size() == 1) {
                break;
            }
            int producer = item.get(item.size() - 2);
            int number = item.get(item.size() - 1);
            boolean whole = IntStream.range(0, item.size() - 2).allMatch(k -> item.get(k) == k * 31 + producer);
            seen.add(whole && number > last[producer] ? producer + ":" + number : "corrupt");
            last[producer] = number;
        }
        reports.put(seen);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed + (i >>> 16));
        }
        return bytes;
    }
}
