package io.mproc.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Python's {@code multiprocessing} {@code Lock}, {@code Semaphore}, {@code BoundedSemaphore}, {@code Event} and
 * {@code Barrier} as made by the context rather than its manager: a few words of a memory-mapped file in the
 * context's directory that every process changes with atomic instructions, so an uncontended acquire, release or
 * set costs tens of nanoseconds instead of a round trip to the manager. Waiting spins, then yields, then parks for
 * up to a millisecond ({@link Blocking}). The operations and failures are those of the manager's objects
 * ({@link ManagedObjects}), so the proxies work the same on either.
 *
 * <p>Layout, each word on a cache line of its own: the kind, the parameter (a semaphore's bound, a barrier's
 * parties), a spin lock guarding a barrier's changes, the value (permits, the event's flag, the parties waiting),
 * the barrier's generation and whether it is broken, and the outcome of its last 64 generations (the generation
 * shifted left once, plus one if it broke), which tells a waiter woken late how its generation ended.
 */
final class SharedMemorySync implements ObjectRef {

    static final String HANDLE_PREFIX = "shm:";

    private static final int KIND = 0;
    private static final int PARAMETER = 8;
    private static final int LOCK = 64;
    private static final int VALUE = 128;
    private static final int GENERATION = 192;
    private static final int BROKEN = 256;
    private static final int OUTCOMES = 320;
    private static final int OUTCOME_COUNT = 64;
    private static final int SIZE = OUTCOMES + OUTCOME_COUNT * Long.BYTES;
    private static final int SEMAPHORE = 1;
    private static final int EVENT = 2;
    private static final int BARRIER = 3;
    private static final long RELEASED = 0;
    private static final long BROKE = 1;
    private static final int SPINS_BEFORE_YIELD = 100;
    private static final Map<Path, SharedMemorySync> ATTACHED = new ConcurrentHashMap<>();

    private final Path file;
    private final UnsafeBuffer words;
    private final int kind;
    private final long parameter;

    private SharedMemorySync(Path file, UnsafeBuffer words) {
        this.file = file;
        this.words = words;
        this.kind = words.getIntVolatile(KIND);
        this.parameter = words.getLong(PARAMETER);
    }

    /** Python's {@code Semaphore(permits)}, or {@code BoundedSemaphore} with a positive bound. */
    static SharedMemorySync semaphore(Path file, int permits, int bound) {
        return create(file, SEMAPHORE, bound, permits);
    }

    static SharedMemorySync event(Path file) {
        return create(file, EVENT, 0, 0);
    }

    static SharedMemorySync barrier(Path file, int parties) {
        return create(file, BARRIER, parties, 0);
    }

    static SharedMemorySync attach(String handle) {
        return ATTACHED.computeIfAbsent(Path.of(handle.substring(HANDLE_PREFIX.length())),
                file -> new SharedMemorySync(file, MappedFile.attach(file)));
    }

    static void detachAll(Path directory) {
        ATTACHED.keySet().removeIf(path -> path.startsWith(directory));
    }

    @Override
    public String handle() {
        return HANDLE_PREFIX + file;
    }

    @Override
    public Object call(String method, Object... arguments) {
        return switch (kind) {
            case SEMAPHORE -> semaphore(method, arguments);
            case EVENT -> event(method, arguments);
            case BARRIER -> barrier(method, arguments);
            default -> throw new IllegalStateException("no synchronization object in " + file);
        };
    }

    private static SharedMemorySync create(Path file, int kind, long parameter, long value) {
        UnsafeBuffer words = MappedFile.create(file, SIZE);
        words.putLong(PARAMETER, parameter);
        words.putLong(VALUE, value);
        words.putIntVolatile(KIND, kind);
        SharedMemorySync sync = new SharedMemorySync(file, words);
        ATTACHED.put(file, sync);
        return sync;
    }

    private Object semaphore(String method, Object[] arguments) {
        return switch (method) {
            case "acquire" -> await(() -> tryAcquire() ? Boolean.TRUE : Ring.EMPTY, nanos(arguments));
            case "release" -> {
                release();
                yield null;
            }
            case "value" -> (int) words.getLongVolatile(VALUE);
            default -> throw ManagedObjects.unknown(method);
        };
    }

    private boolean tryAcquire() {
        long permits = words.getLongVolatile(VALUE);
        return permits > 0 && words.compareAndSetLong(VALUE, permits, permits - 1);
    }

    private void release() {
        while (true) {
            long permits = words.getLongVolatile(VALUE);
            if (parameter > 0 && permits >= parameter) {
                throw ManagedObjects.releasedTooOften(parameter);
            }
            if (words.compareAndSetLong(VALUE, permits, permits + 1)) {
                return;
            }
        }
    }

    private Object event(String method, Object[] arguments) {
        return switch (method) {
            case "set" -> {
                words.putLongVolatile(VALUE, 1);
                yield null;
            }
            case "clear" -> {
                words.putLongVolatile(VALUE, 0);
                yield null;
            }
            case "isSet" -> words.getLongVolatile(VALUE) == 1;
            case "await" -> await(() -> words.getLongVolatile(VALUE) == 1 ? Boolean.TRUE : Ring.EMPTY,
                    nanos(arguments));
            default -> throw ManagedObjects.unknown(method);
        };
    }

    private Object barrier(String method, Object[] arguments) {
        return switch (method) {
            case "await" -> arrive(nanos(arguments));
            case "abort" -> {
                lock();
                try {
                    finish(words.getLong(GENERATION), BROKE);
                    words.putLong(BROKEN, 0);
                } finally {
                    unlock();
                }
                yield null;
            }
            case "waiting" -> (int) words.getLongVolatile(VALUE);
            default -> throw ManagedObjects.unknown(method);
        };
    }

    /** Waits at the barrier; the last to arrive gets 0, the first {@code parties - 1}. */
    private int arrive(long nanos) {
        long generation;
        long arrived;
        lock();
        try {
            if (words.getLong(BROKEN) != 0) {
                throw brokenBarrier();
            }
            generation = words.getLong(GENERATION);
            arrived = words.getLong(VALUE) + 1;
            words.putLong(VALUE, arrived);
            if (arrived == parameter) {
                finish(generation, RELEASED);
                return 0;
            }
        } finally {
            unlock();
        }
        if (!await(() -> words.getLongVolatile(GENERATION) != generation ? Boolean.TRUE : Ring.EMPTY, nanos)) {
            breakAfterTimeout(generation);
        }
        if (outcome(generation) == BROKE) {
            throw brokenBarrier();
        }
        return (int) (parameter - arrived);
    }

    private void breakAfterTimeout(long generation) {
        lock();
        try {
            if (words.getLong(GENERATION) == generation) {
                words.putLong(BROKEN, 1);
                finish(generation, BROKE);
            }
        } finally {
            unlock();
        }
    }

    /** Ends a generation: records how, empties the barrier and wakes its waiters. Under the lock. */
    private void finish(long generation, long outcome) {
        words.putLong(OUTCOMES + (int) (generation % OUTCOME_COUNT) * Long.BYTES, generation << 1 | outcome);
        words.putLong(VALUE, 0);
        words.putLongVolatile(GENERATION, generation + 1);
    }

    private long outcome(long generation) {
        long recorded = words.getLongVolatile(OUTCOMES + (int) (generation % OUTCOME_COUNT) * Long.BYTES);
        return recorded >>> 1 == generation ? recorded & 1 : RELEASED;
    }

    private void lock() {
        int spins = 0;
        while (!words.compareAndSetLong(LOCK, 0, 1)) {
            if (++spins > SPINS_BEFORE_YIELD) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void unlock() {
        words.putLongRelease(LOCK, 0);
    }

    private static boolean await(Blocking.Attempt attempt, long nanos) {
        return Blocking.until(attempt, nanos, Blocking.NO_CHECK) != Ring.EMPTY;
    }

    private static long nanos(Object[] arguments) {
        return ((Number) arguments[0]).longValue();
    }

    private static BarrierBrokenException brokenBarrier() {
        return new BarrierBrokenException(BarrierBrokenException.MESSAGE);
    }
}
