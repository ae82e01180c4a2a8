package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records, beans, enums and collections of them arrive in another process as the types that were sent. */
class TypedMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void recordsAndCollectionsOfThemTravelBothWaysThroughAQueueAsTheirTypes() {
        SharedQueue<Object> toChild = context.queue();
        SharedQueue<Object> toParent = context.queue();
        ChildProcess child = context.process(TypedMessagesTest::echoThroughQueues, toChild, toParent).start();
        samples().forEach(toChild::put);
        for (Object sample : samples()) {
            assertThat(toParent.get(WAIT)).isEqualTo(sample).hasSameClassAs(sample);
        }
        assertExitedNormally(child);
    }

    @Test
    void recordsAndCollectionsOfThemTravelBothWaysThroughAPipeAsTheirTypes() {
        Pipe pipe = context.pipe();
        ChildProcess child = context.process(TypedMessagesTest::echoThroughPipe, pipe.second()).start();
        for (Object sample : samples()) {
            pipe.first().send(sample);
            assertThat(pipe.first().poll(WAIT)).isTrue();
            Object back = pipe.first().recv();
            assertThat(back).isEqualTo(sample).hasSameClassAs(sample);
        }
        assertExitedNormally(child);
    }

    @Test
    void recordsAndCollectionsOfThemTravelBothWaysThroughAManagerListAsTheirTypes() {
        SharedList<Object> toChild = context.manager().list(samples());
        SharedList<Object> toParent = context.manager().list();
        ChildProcess child = context.process(TypedMessagesTest::echoThroughList, toChild, toParent).start();
        assertExitedNormally(child);
        assertThat(toParent.copy()).containsExactlyElementsOf(samples());
        for (int i = 0; i < samples().size(); i++) {
            assertThat(toParent.get(i)).hasSameClassAs(samples().get(i));
        }
    }

    @Test
    void recordsAndCollectionsOfThemTravelBothWaysThroughAManagerDictAsTheirTypes() {
        SharedDict<Object, Object> dict = context.manager().dict();
        List<Object> samples = samples();
        for (int i = 0; i < samples.size(); i++) {
            dict.put(new Point(i, i), samples.get(i));
        }
        ChildProcess child = context.process(TypedMessagesTest::echoThroughDict, dict).start();
        assertExitedNormally(child);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(dict.get("back-" + i)).isEqualTo(samples.get(i)).hasSameClassAs(samples.get(i));
        }
        assertThat(dict.keySet()).contains(new Point(0, 0));
    }

    @Test
    void aChildProcessArgumentThatIsAListOfRecordsArrivesAsAListOfRecords() {
        SharedQueue<Object> toParent = context.queue();
        ChildProcess child = context.process(TypedMessagesTest::checkPoints, List.of(new Point(1, 2)), toParent)
                .start();
        assertThat(toParent.get(WAIT)).isEqualTo(true);
        assertExitedNormally(child);
    }

    /**
     * A record, a list of records, a sorted set, a map of lists of records, a nested record, a bean, an enum, and
     * a list of lists mixing a record and a string.
     */
    static List<Object> samples() {
        Map<String, List<Point>> routes = new LinkedHashMap<>();
        routes.put("north", List.of(new Point(0, 1), new Point(0, 2)));
        routes.put("south", List.of(new Point(0, -1)));
        return List.of(new Point(1, 2), new ArrayList<>(List.of(new Point(3, 4), new Point(5, 6))),
                new TreeSet<>(Set.of(7L, 8L)), routes, new Segment(new Point(0, 0), new Point(9, 9)),
                new Bean("bean", 3), Colour.GREEN,
                new ArrayList<>(List.of(new ArrayList<>(List.of(new Point(1, 1), "mixed")), new ArrayList<>())));
    }

    private static void echoThroughQueues(SharedQueue<Object> in, SharedQueue<Object> out) {
        for (Object sample : samples()) {
            out.put(checked(sample, in.get(WAIT)));
        }
    }

    private static void echoThroughPipe(Connection connection) {
        for (Object sample : samples()) {
            connection.send(checked(sample, connection.recv()));
        }
    }

    private static void echoThroughList(SharedList<Object> in, SharedList<Object> out) {
        List<Object> samples = samples();
        for (int i = 0; i < samples.size(); i++) {
            out.add(checked(samples.get(i), in.get(i)));
        }
        List<Object> copy = in.copy();
        for (int i = 0; i < samples.size(); i++) {
            checked(samples.get(i), copy.get(i));
        }
    }

    private static void echoThroughDict(SharedDict<Object, Object> dict) {
        List<Object> samples = samples();
        for (int i = 0; i < samples.size(); i++) {
            dict.put("back-" + i, checked(samples.get(i), dict.get(new Point(i, i))));
        }
        for (Map.Entry<Object, Object> entry : dict.entrySet()) {
            if (entry.getKey() instanceof Point key) {
                checked(samples.get(key.x()), entry.getValue());
            }
        }
    }

    private static void checkPoints(List<Point> points, SharedQueue<Object> out) {
        out.put(points.get(0).x() == 1);
    }

    private static Object checked(Object expected, Object actual) {
        if (!expected.equals(actual) || expected.getClass() != actual.getClass()) {
            throw new AssertionError("expected " + expected + " (" + expected.getClass().getName() + "), got "
                    + actual + " (" + (actual == null ? "null" : actual.getClass().getName()) + ")");
        }
        return actual;
    }

    private static void assertExitedNormally(ChildProcess child) {
        assertThat(child.join(WAIT)).isTrue();
        assertThat(child.exitCode()).hasValue(0);
    }

    record Point(int x, int y) {
    }

    record Segment(Point from, Point to) {
    }

    enum Colour { RED, GREEN }

    /** A mutable bean with a no-argument constructor, getters and setters. */
    public static final class Bean {
        private String name;
        private int size;

        public Bean() {
        }

        Bean(String name, int size) {
            this.name = name;
            this.size = size;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bean bean && Objects.equals(name, bean.name) && size == bean.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, size);
        }

        @Override
        public String toString() {
            return "Bean[" + name + ", " + size + "]";
        }
    }
}
