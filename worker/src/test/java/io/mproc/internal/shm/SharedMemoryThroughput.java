package io.mproc.internal.shm;

import static org.awaitility.Awaitility.await;

import io.mproc.BooleanValue;
import io.mproc.IntValue;
import io.mproc.LongValue;
import io.mproc.testing.ChildJvm;
import java.time.Duration;
import java.util.List;

/**
 * Prints how many increments per second two child JVMs make together on one shared counter: as read-modify-write
 * under the counter's lock, and as atomic adds. A measurement to run by hand, not a test:
 * <pre>
 * java -cp &lt;test class path&gt; \
 *     io.mproc.internal.shm.SharedMemoryThroughput [millis per run] [runs]
 * </pre>
 */
public final class SharedMemoryThroughput {

    private static final Duration START = Duration.ofSeconds(60);

    private SharedMemoryThroughput() {
    }

    public static void main(String[] args) {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int run = 1; run <= runs; run++) {
            for (String mode : List.of("locked", "atomic")) {
                System.out.printf("run %d, %s: %,.1f M increments/s%n", run, mode, measure(mode, millis) / 1e6);
            }
        }
    }

    private static double measure(String mode, long millis) {
        try (SharedSegment segment = SharedSegment.create(SharedSegment.defaultDirectory(1 << 20), 1 << 20);
             ChildJvm first = ChildJvm.start(SegmentChild.class, "throughput", segment.path().toString(), mode, "" + millis);
             ChildJvm second = ChildJvm.start(SegmentChild.class, "throughput", segment.path().toString(), mode, "" + millis)) {
            LongValue counter = segment.newLongValue("counter", 0, true);
            IntValue ready = segment.newIntValue("ready", 0, false);
            BooleanValue go = segment.newBooleanValue("go", false, false);
            await().atMost(START).pollInterval(Duration.ofMillis(10)).until(() -> {
                first.assertAlive();
                second.assertAlive();
                return ready.get() == 2;
            });
            go.set(true);
            long operations = operations(first, millis) + operations(second, millis);
            if (counter.get() != operations) {
                throw new AssertionError("counter " + counter.get() + " after " + operations + " increments");
            }
            return operations * 1000.0 / millis;
        }
    }

    private static long operations(ChildJvm child, long millis) {
        return Long.parseLong(child.awaitLine("operations ", START.plusMillis(millis)).substring("operations ".length()));
    }
}
