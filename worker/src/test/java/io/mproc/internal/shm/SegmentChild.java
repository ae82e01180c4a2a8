package io.mproc.internal.shm;

import io.mproc.BooleanValue;
import io.mproc.LockHold;
import io.mproc.LongArray;
import io.mproc.LongValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main class of the child JVMs in the cross-process tests: attaches to a segment and works on it, printing a
 * line on standard output at each step the test waits for. Exits when its standard input closes, that is when the
 * test JVM is gone.
 *
 * <p>The objects it expects, created by the test: a LongValue {@code counter}, an IntValue {@code ready} that each
 * child increments once attached, a BooleanValue {@code go} it waits for before working, and for
 * {@code increment} a LongArray {@code progress} with a slot per child.
 */
public final class SegmentChild {

    private static final int PARENT_GONE = 3;
    private static final int PROGRESS_EVERY = 1024;
    private static final long GO_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private SegmentChild() {
    }

    public static void main(String[] args) throws Exception {
        exitWhenStandardInputCloses();
        switch (args[0]) {
            case "add" -> add(SharedSegment.attach(Path.of(args[1])), Integer.parseInt(args[2]));
            case "increment" -> increment(SharedSegment.attach(Path.of(args[1])), "locked".equals(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "hold" -> hold(SharedSegment.attach(Path.of(args[1])));
            case "lock" -> lock(SharedSegment.attach(Path.of(args[1])));
            case "create" -> create(Path.of(args[1]));
            case "handle" -> handle(args[1]);
            case "throughput" -> throughput(SharedSegment.attach(Path.of(args[1])), "locked".equals(args[2]),
                    Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(0);
    }

    /** {@code add <segment> <n>}: n atomic increments of counter. */
    private static void add(SharedSegment segment, int iterations) {
        LongValue counter = segment.longValue("counter");
        awaitGo(segment);
        for (int i = 0; i < iterations; i++) {
            counter.addAndGet(1);
        }
        System.out.println("done");
    }

    /**
     * {@code increment <segment> <locked|unlocked> <child index 0|1> <n>}: read-modify-write increments of counter,
     * under its lock or not. Goes on until both children have done at least n, so that they run side by side the
     * whole time; prints how many it did.
     */
    private static void increment(SharedSegment segment, boolean locked, int index, int iterations) {
        LongValue counter = segment.longValue("counter");
        LongArray progress = segment.longArray("progress");
        int other = 1 - index;
        awaitGo(segment);
        long done = 0;
        while (done < iterations || progress.get(other) < iterations) {
            if (locked) {
                try (LockHold hold = counter.lock()) {
                    counter.set(counter.get() + 1);
                }
            } else {
                counter.set(counter.get() + 1);
            }
            done++;
            if (done % PROGRESS_EVERY == 0) {
                progress.set(index, done);
            }
        }
        System.out.println("done " + done);
    }

    /** {@code hold <segment>}: takes the lock of counter and keeps it until killed. */
    private static void hold(SharedSegment segment) throws InterruptedException {
        segment.longValue("counter").lock();
        System.out.println("locked");
        new CountDownLatch(1).await();
    }

    /** {@code lock <segment>}: waits for the lock of counter, then tells whether its previous holder died. */
    private static void lock(SharedSegment segment) {
        LongValue counter = segment.longValue("counter");
        System.out.println("waiting");
        try (LockHold hold = counter.lock()) {
            System.out.println("acquired previousHolderDied=" + hold.previousHolderDied());
        }
    }

    /** {@code create <directory>}: creates a segment there and keeps it until killed. */
    private static void create(Path directory) throws InterruptedException {
        SharedSegment segment = SharedSegment.create(directory, SegmentLayout.MIN_CAPACITY);
        System.out.println("created " + segment.path());
        new CountDownLatch(1).await();
    }

    /** {@code handle <json>}: reads {@link Handles} from JSON and adds to what they point at. */
    private static void handle(String json) {
        Handles handles = JsonMapper.builder().addModule(new SharedMemoryModule()).build()
                .readValue(json, Handles.class);
        handles.counter().addAndGet(5);
        handles.samples().set(1, 2.5);
        System.out.println("done");
    }

    /**
     * {@code throughput <segment> <locked|atomic> <millis>}: increments counter for that long, as read-modify-write
     * under its lock or as atomic adds, and prints how many.
     */
    private static void throughput(SharedSegment segment, boolean locked, long millis) {
        LongValue counter = segment.longValue("counter");
        awaitGo(segment);
        long operations = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            for (int i = 0; i < PROGRESS_EVERY; i++) {
                if (locked) {
                    try (LockHold hold = counter.lock()) {
                        counter.set(counter.get() + 1);
                    }
                } else {
                    counter.addAndGet(1);
                }
            }
            operations += PROGRESS_EVERY;
        } while (System.nanoTime() - end < 0);
        System.out.println("operations " + operations);
    }

    private static void awaitGo(SharedSegment segment) {
        segment.intValue("ready").addAndGet(1);
        BooleanValue go = segment.booleanValue("go");
        while (!go.get()) {
            LockSupport.parkNanos(GO_POLL_NANOS);
        }
    }

    private static void exitWhenStandardInputCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    continue;
                }
            } catch (IOException e) {
                System.err.println("standard input unreadable: " + e);
            }
            Runtime.getRuntime().halt(PARENT_GONE);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
