package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueTest {

    private static final int PRODUCERS = 4;
    private static final int ITEMS = 25_000;

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aShutDownQueueRefusesPutsGivesWhatIsLeftThenWakesAGetWaitingInAnotherProcess() {
        SharedQueue<String> queue = context.queue();
        SharedQueue<String> empty = context.queue();
        SharedQueue<String> seen = context.queue();
        queue.put("left");
        ChildProcess waiter = context.process(QueueTest::getAndTell, empty, seen).start();
        await().atMost(Duration.ofSeconds(30)).until(waiter::isAlive);
        queue.shutdown();
        empty.shutdown();
        assertThatThrownBy(() -> queue.put("late")).isInstanceOf(QueueShutDownException.class)
                .hasMessageContaining("takes no more items");
        assertThat(queue.get(Duration.ofSeconds(5))).isEqualTo("left");
        assertThatThrownBy(() -> queue.get(Duration.ofSeconds(5))).isInstanceOf(QueueShutDownException.class);
        assertThat(seen.get(Duration.ofSeconds(30))).isEqualTo("shut down");
        assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void anImmediateShutdownDropsTheItemsAndLetsJoinReturnOnceTheTakenOneIsDone() {
        SharedJoinableQueue<Integer> queue = context.joinableQueue();
        queue.put(1);
        queue.put(2);
        queue.put(3);
        assertThat(queue.get()).isEqualTo(1);
        queue.shutdown(true);
        assertThatThrownBy(queue::getNowait).isInstanceOf(QueueShutDownException.class);
        assertThat(queue.join(Duration.ofMillis(50))).as("the taken item is not done yet").isFalse();
        queue.taskDone();
        assertThat(queue.join(Duration.ofSeconds(5))).isTrue();
    }

    private static void getAndTell(SharedQueue<String> queue, SharedQueue<String> seen) {
        try {
            seen.put("got " + queue.get());
        } catch (QueueShutDownException e) {
            seen.put("shut down");
        }
    }

    @Test
    void everyItemFromFourProducerJvmsReachesTwoConsumerJvmsExactlyOnce() {
        SharedQueue<Integer> items = context.queue();
        SharedQueue<List<Integer>> received = context.queue(4);
        List<ChildProcess> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(context.process(QueueTest::produce, items, p).start());
        }
        List<ChildProcess> children = new ArrayList<>(producers);
        for (int c = 0; c < 2; c++) {
            children.add(context.process(QueueTest::consume, items, received).start());
        }
        producers.forEach(ChildProcess::join);
        items.put(-1);
        items.put(-1);
        List<Integer> all = new ArrayList<>(received.get(Duration.ofSeconds(60)));
        all.addAll(received.get(Duration.ofSeconds(60)));
        children.forEach(ChildProcess::join);
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
        assertThat(all).hasSize(PRODUCERS * ITEMS);
        assertThat(new HashSet<>(all)).hasSize(PRODUCERS * ITEMS);
    }

    @Test
    void anUnboundedQueueTakesFarMoreItemsThanItsSharedSlotsWithoutWaiting() {
        SharedQueue<Integer> queue = context.queue();
        for (int i = 0; i < 10_000; i++) {
            queue.putNowait(i);
        }
        assertThat(queue.maxSize()).isZero();
        assertThat(queue.size()).isEqualTo(10_000);
        SharedQueue<Integer> sums = context.queue();
        ChildProcess consumer = context.process(QueueTest::sumInOrder, queue, sums, 10_000).start();
        assertThat(sums.get(Duration.ofSeconds(60))).isEqualTo(10_000 * 9_999 / 2);
        consumer.join();
        assertThat(consumer.exitCode()).hasValue(0);
    }

    @Test
    void aChildMovesWhatItBufferedIntoAnUnboundedQueueBeforeItExits() {
        SharedQueue<Integer> queue = context.queue();
        ChildProcess producer = context.process(QueueTest::putRange, queue, 5_000).start();
        for (int i = 0; i < 5_000; i++) {
            assertThat(queue.get(Duration.ofSeconds(60))).isEqualTo(i);
        }
        producer.join();
        assertThat(producer.exitCode()).hasValue(0);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void getOnAnEmptyQueueRaisesEmptyOnTime() {
        SharedQueue<Integer> queue = context.queue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> queue.get(Duration.ofMillis(200))).isInstanceOf(QueueEmptyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200),
                Duration.ofMillis(1_000));
        assertThatThrownBy(queue::getNowait).isInstanceOf(QueueEmptyException.class);
    }

    @Test
    void aBoundedQueueBlocksThenRaisesFull() {
        SharedQueue<Integer> queue = context.queue(2);
        queue.put(1);
        queue.putNowait(2);
        assertThat(queue.size()).isEqualTo(2);
        long start = System.nanoTime();
        assertThatThrownBy(() -> queue.put(3, Duration.ofMillis(200))).isInstanceOf(QueueFullException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> queue.putNowait(3)).isInstanceOf(QueueFullException.class);
        assertThat(queue.get()).isEqualTo(1);
        assertThat(queue.get()).isEqualTo(2);
    }

    @Test
    void aPutBlockedOnAFullQueueGoesOnWhenAnotherProcessTakes() {
        SharedQueue<Integer> queue = context.queue(1);
        queue.put(1);
        ChildProcess taker = context.process(QueueTest::takeOne, queue).start();
        queue.put(2, Duration.ofSeconds(30));
        taker.join();
        assertThat(queue.get()).isEqualTo(2);
    }

    @Test
    void aClosedQueueFailsClearly() {
        SharedQueue<String> queue = context.queue();
        queue.close();
        assertThatThrownBy(() -> queue.put("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(queue::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void joinableQueueJoinsWhenEveryItemIsDone() {
        SharedJoinableQueue<String> queue = context.joinableQueue();
        queue.put("a");
        queue.put("b");
        context.process(QueueTest::finishTwo, queue).start();
        assertThat(queue.join(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void simpleQueueCarriesValuesBothWays() {
        SharedSimpleQueue<Object> queue = context.simpleQueue();
        queue.put(List.of(1, "two"));
        queue.put(null);
        assertThat(queue.get()).isEqualTo(List.of(1, "two"));
        assertThat(queue.get()).isNull();
        await().atMost(Duration.ofSeconds(1)).until(queue::isEmpty);
    }

    /** Checks the items come in the order they were put, then sends their sum. */
    private static void sumInOrder(SharedQueue<Integer> queue, SharedQueue<Integer> sums, Integer count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            int item = queue.get();
            if (item != i) {
                throw new IllegalStateException("expected " + i + ", got " + item);
            }
            sum += item;
        }
        sums.put(sum);
    }

    private static void putRange(SharedQueue<Integer> queue, Integer count) {
        for (int i = 0; i < count; i++) {
            queue.putNowait(i);
        }
    }

    private static void produce(SharedQueue<Integer> items, Integer producer) {
        IntStream.range(0, ITEMS).forEach(i -> items.put(producer * ITEMS + i));
    }

    private static void consume(SharedQueue<Integer> items, SharedQueue<List<Integer>> received) {
        List<Integer> mine = new ArrayList<>();
        for (int item = items.get(); item >= 0; item = items.get()) {
            mine.add(item);
        }
        received.put(mine);
    }

    private static void takeOne(SharedQueue<Integer> queue) {
        queue.get();
    }

    private static void finishTwo(SharedJoinableQueue<String> queue) {
        queue.get();
        queue.taskDone();
        queue.get();
        queue.taskDone();
    }
}
