package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolMapTest {

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = Pool.builder().workers(2).build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void mapReturnsSquaresInInputOrder() {
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> squares = pool.map(Tasks::square, inputs);
        assertThat(squares).isEqualTo(inputs.stream().map(x -> x * x).toList());
    }

    @Test
    void mapWithChunkSizeOneReturnsSquaresInInputOrder() {
        List<Integer> inputs = IntStream.range(0, 2_000).boxed().toList();
        assertThat(pool.map(Tasks::square, inputs, 1)).isEqualTo(inputs.stream().map(x -> x * x).toList());
    }

    @Test
    void newInstancesOfOneFunctionClassAreLoadedOnceByAWorker() throws Exception {
        List<Integer> instancesSeen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            instancesSeen.add(pool.submit(new CountsInstances(), i).get(30, TimeUnit.SECONDS));
        }
        assertThat(instancesSeen).as("instances each worker made").containsOnly(1);
    }

    /** Returns how many instances of itself this JVM has made. */
    static final class CountsInstances implements io.mproc.TaskFunction<Integer, Integer> {
        private static final AtomicInteger MADE = new AtomicInteger();

        CountsInstances() {
            MADE.incrementAndGet();
        }

        @Override
        public Integer apply(Integer input) {
            return MADE.get();
        }
    }

    @Test
    void mapOfNothingIsEmpty() {
        assertThat(pool.map(Tasks::square, List.<Integer>of())).isEmpty();
    }

    @Test
    void starmapAppliesTwoArgumentFunctions() {
        List<Map.Entry<Integer, Integer>> pairs = IntStream.range(0, 100).mapToObj(i -> Map.entry(i, i + 1)).toList();
        List<Integer> products = pool.starmap(Tasks::multiply, pairs);
        assertThat(products).isEqualTo(pairs.stream().map(p -> p.getKey() * p.getValue()).toList());
    }

    @Test
    void imapKeepsCoordinatorHeapFlatOverTwoMillionInputs() {
        Iterable<Integer> inputs = () -> IntStream.range(0, 2_000_000).iterator();
        long baseline = usedHeapAfterGc();
        long maxGrowth = 0;
        long sum = 0;
        long index = 0;
        Iterator<Integer> results = pool.imap(Tasks::square, inputs);
        while (results.hasNext()) {
            int value = results.next();
            assertThat(value).isEqualTo((int) (index * index));
            sum += value;
            if (++index % 500_000 == 0) {
                maxGrowth = Math.max(maxGrowth, usedHeapAfterGc() - baseline);
            }
        }
        assertThat(index).isEqualTo(2_000_000);
        assertThat(sum).isEqualTo(LongStream.range(0, 2_000_000).map(i -> (int) (i * i)).sum());
        assertThat(maxGrowth).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void starmapAsyncCompletesWithTheResultsInInputOrder() throws Exception {
        List<Map.Entry<Integer, Integer>> pairs = IntStream.range(0, 50).mapToObj(i -> Map.entry(i, 2)).toList();
        assertThat(pool.starmapAsync(Tasks::multiply, pairs).get(30, TimeUnit.SECONDS))
                .isEqualTo(IntStream.range(0, 50).map(i -> 2 * i).boxed().toList());
    }

    @Test
    void imapWithABufferSizeReadsAtMostWorkersPlusBufferSizeInputsAheadOfTheConsumer() {
        AtomicInteger taken = new AtomicInteger();
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return taken.getAndIncrement();
            }
        };
        int bufferSize = 3;
        Iterator<Integer> results = pool.imap(Tasks::square, () -> endless, 1, bufferSize);
        for (int consumed = 1; consumed <= 40; consumed++) {
            assertThat(results.next()).isEqualTo((consumed - 1) * (consumed - 1));
            assertThat(taken.get()).as("inputs taken after %d results", consumed)
                    .isLessThanOrEqualTo(consumed + 2 + bufferSize);
        }
        Iterator<Integer> unordered = pool.imapUnordered(Tasks::square, List.of(1, 2, 3), 2, 1);
        List<Integer> squares = new ArrayList<>();
        unordered.forEachRemaining(squares::add);
        assertThat(squares).containsExactlyInAnyOrder(1, 4, 9);
    }

    @Test
    void imapRefusesAChunkSizeOrABufferSizeBelowOneNamingTheValue() {
        assertThatThrownBy(() -> pool.imap(Tasks::square, List.of(1), 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk size 0");
        assertThatThrownBy(() -> pool.imapUnordered(Tasks::square, List.of(1), 1, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buffer size -2");
    }

    @Test
    void imapUnorderedReturnsEveryResultOnce() {
        List<Integer> results = new ArrayList<>();
        pool.imapUnordered(Tasks::square, IntStream.range(0, 5_000).boxed().toList()).forEachRemaining(results::add);
        assertThat(results).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 5_000).map(x -> x * x).boxed().toList());
    }

    @Test
    void imapYieldsTheResultsBeforeAFailingInputThenItsExceptionThenEnds() {
        Iterator<Integer> results = pool.imap(Tasks::square, () -> failingAfter(5));
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(results.next());
        }

        assertThat(before).containsExactly(0, 1, 4, 9, 16);
        assertThat(results.hasNext()).isTrue();
        assertThatThrownBy(results::next).isInstanceOf(IllegalStateException.class).hasMessage("input 5 is broken");
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void imapUnorderedYieldsTheResultsBeforeAFailingInputThenItsException() {
        Iterator<Integer> results = pool.imapUnordered(Tasks::square, () -> failingAfter(5));
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(results.next());
        }

        assertThat(before).containsExactlyInAnyOrder(0, 1, 4, 9, 16);
        assertThatThrownBy(results::next).isInstanceOf(IllegalStateException.class).hasMessage("input 5 is broken");
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void submitFuturesComplete() throws Exception {
        List<CompletableFuture<Integer>> futures = IntStream.range(0, 200).mapToObj(i -> pool.submit(Tasks::square, i))
                .toList();
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i * i);
        }
        assertThat(pool.submit(Tasks::multiply, 6, 7).get(30, TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Test
    void lambdasCapturingSerializableValuesTravel() {
        int offset = 1000;
        assertThat(pool.map((Integer x) -> x + offset, List.of(1, 2, 3))).containsExactly(1001, 1002, 1003);
    }

    @Test
    void referencesToJdkMethodsAndConstructorsTravel() {
        assertThat(pool.map(Integer::parseInt, List.of("7", "-42"))).containsExactly(7, -42);
        assertThat(pool.map(String::length, List.of("", "mproc"))).containsExactly(0, 5);
        assertThat(pool.starmap(Math::max, List.of(Map.entry(3L, 9L)))).containsExactly(9L);
        assertThat(pool.map(Label::new, List.of("built"))).containsExactly(new Label("built"));
    }

    @Test
    void classesWithNoArgConstructorTravelByName() {
        assertThat(pool.map(new Negate(), List.of(1, 2, 3))).containsExactly(-1, -2, -3);
    }

    @Test
    void taskOutputReachesTheCoordinatorPrefixedAndLeavesTheProtocolIntact() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
        try (Pool printing = Pool.builder().workers(2)
                .workerOutput((worker, stderr, line) -> lines.add(worker + ":" + line)).build()) {
            assertThat(printing.map(Tasks::print, inputs)).isEqualTo(inputs);
        }
        assertThat(lines).hasSize(500).allMatch(line -> line.matches("[12]:MP.. looks like a frame \\d+"));
    }

    @Test
    void recordsTravelAsInputsAndResults() {
        List<Point> points = List.of(new Point(1, 2), new Point(3, 4));
        assertThat(pool.map(Point::swap, points)).containsExactly(new Point(2, 1), new Point(4, 3));
    }

    @Test
    void initializerRunsOncePerWorker() {
        try (Pool initialized = Pool.builder().workers(2).initializer(Tasks::initialize).build()) {
            List<Tasks.Initialized> seen = initialized.map(Tasks::initializedCount,
                    IntStream.range(0, 200).boxed().toList(), 1);
            assertThat(seen).extracting(Tasks.Initialized::count).containsOnly(1);
        }
    }

    @Test
    void maxTasksPerWorkerRecyclesWorkers() {
        try (Pool recycling = Pool.builder().workers(2).maxTasksPerWorker(5).build()) {
            List<Long> pids = recycling.map(Tasks::pid, IntStream.range(0, 40).boxed().toList());
            Map<Long, Long> tasksPerPid = pids.stream().collect(Collectors.groupingBy(p -> p, Collectors.counting()));
            assertThat(tasksPerPid.size()).isGreaterThanOrEqualTo(8);
            assertThat(tasksPerPid.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(5L));
            assertThat(Set.copyOf(pids)).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    static final class Negate implements io.mproc.TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer input) {
            return -input;
        }
    }

    record Point(int x, int y) {
        static Point swap(Point p) {
            return new Point(p.y, p.x);
        }
    }

    /** The numbers from 0, until the iterator throws where number {@code n} would be. */
    private static Iterator<Integer> failingAfter(int n) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == n) {
                    throw new IllegalStateException("input " + n + " is broken");
                }
                return next++;
            }
        };
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    record Label(String text) {
    }
}
