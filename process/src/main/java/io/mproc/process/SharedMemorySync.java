package io.mproc.process;

import static io.mproc.process.SyncDescriptor.BROKEN_OFFSET;
import static io.mproc.process.SyncDescriptor.GENERATION_OFFSET;
import static io.mproc.process.SyncDescriptor.HOLDS_OFFSET;
import static io.mproc.process.SyncDescriptor.KIND_OFFSET;
import static io.mproc.process.SyncDescriptor.LOCK_OFFSET;
import static io.mproc.process.SyncDescriptor.OWNER_OFFSET;
import static io.mproc.process.SyncDescriptor.PARAMETER_OFFSET;
import static io.mproc.process.SyncDescriptor.PERMITS_OFFSET;
import static io.mproc.process.SyncDescriptor.SLEEPERS_OFFSET;
import static io.mproc.process.SyncDescriptor.TIMEOUT_OFFSET;
import static io.mproc.process.SyncDescriptor.VALUE_OFFSET;
import static io.mproc.process.SyncDescriptor.WAITERS_OFFSET;

import io.mproc.internal.os.Processes;
import io.mproc.internal.shm.Backoff;
import io.mproc.internal.shm.MemoryBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.concurrent.IdleStrategy;

/**
 * Python's {@code multiprocessing} {@code Lock}, {@code Semaphore}, {@code BoundedSemaphore}, {@code Event} and
 * {@code Barrier} as made by the context rather than its manager: a few words of a memory-mapped file in the
 * context's directory that every process changes with atomic instructions, so an uncontended acquire, release or
 * set costs tens of nanoseconds instead of a round trip to the manager; an uncontended lock acquire is one
 * compare-and-set and allocates nothing. A waiter spins, then sleeps until a change wakes it
 * ({@link Blocking#untilWoken}). The operations and failures are those of the manager's objects
 * ({@link ManagedObjects}), so the proxies work the same on either. The file's layout is {@link SyncDescriptor}'s; a
 * barrier keeps the outcome of its last 64 generations, which tells a waiter woken late how its generation ended.
 */
final class SharedMemorySync implements ObjectRef {

    static final String HANDLE_PREFIX = "shm:";

    private static final int SEMAPHORE = 1;
    private static final int EVENT = 2;
    private static final int BARRIER = 3;
    private static final int RLOCK = 4;
    private static final int CONDITION = 5;
    private static final long RELEASED = 0;
    private static final long BROKE = 1;
    private static final Map<Path, SharedMemorySync> ATTACHED = new ConcurrentHashMap<>();

    private final Path file;
    private final MemoryBuffer words;
    private final int kind;
    private final long parameter;
    /** The threads asleep until the object changes; every release, set, signal and finished generation wakes them. */
    final Sleepers sleepers;
    /** The barrier's action once read; null until then. */
    private volatile Optional<ProcessTarget> action;

    private SharedMemorySync(Path file, MemoryBuffer words) {
        this.file = file;
        this.words = words;
        this.kind = words.getInt(KIND_OFFSET);
        this.parameter = words.getLong(PARAMETER_OFFSET);
        this.sleepers = new Sleepers(words, SLEEPERS_OFFSET, file);
    }

    /** Python's {@code Semaphore(permits)}, or {@code BoundedSemaphore} with a positive bound. */
    static SharedMemorySync semaphore(Path file, int permits, int bound) {
        return create(file, SEMAPHORE, bound, permits);
    }

    /** Python's {@code RLock()}: reentrant, released by its owner thread only. */
    static SharedMemorySync reentrantLock(Path file) {
        return create(file, RLOCK, 0, 0);
    }

    /** Python's {@code Condition()}, with its own {@code RLock}. */
    static SharedMemorySync condition(Path file) {
        return create(file, CONDITION, 0, 0);
    }

    static SharedMemorySync event(Path file) {
        return create(file, EVENT, 0, 0);
    }

    /**
     * Python's {@code Barrier(parties, action, timeout)}: the action, if any, is kept Java-serialized in a file
     * beside this one, for whichever process arrives last; a negative timeout is none.
     */
    static SharedMemorySync barrier(Path file, int parties, ProcessTarget action, long timeoutNanos) {
        if (action != null) {
            try {
                Files.write(actionFile(file), BarrierAction.serialize(action));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the barrier's action beside " + file, e);
            }
        }
        return create(file, BARRIER, parties, 0, timeoutNanos);
    }

    static SharedMemorySync attach(String handle) {
        return ATTACHED.computeIfAbsent(Path.of(handle.substring(HANDLE_PREFIX.length())),
                file -> {
                    MemoryBuffer words = MappedFile.attach(file);
                    SyncDescriptor.check(words, file);
                    return new SharedMemorySync(file, words);
                });
    }

    static void detachAll(Path directory) {
        ATTACHED.keySet().removeIf(path -> path.startsWith(directory));
    }

    @Override
    public String handle() {
        return HANDLE_PREFIX + file;
    }

    @Override
    public Object call(Op op, Object... arguments) {
        return switch (kind) {
            case SEMAPHORE -> semaphore(op, arguments);
            case EVENT -> event(op, arguments);
            case BARRIER -> barrier(op, arguments);
            case RLOCK -> reentrantLock(op, arguments);
            case CONDITION -> condition(op, arguments);
            default -> throw new IllegalStateException("no synchronization object in " + file);
        };
    }

    /** A semaphore's acquire: one compare-and-set when a permit is free, without allocating; else waits. */
    @Override
    public boolean acquire(long timeoutNanos) {
        if (kind != SEMAPHORE) {
            return ObjectRef.super.acquire(timeoutNanos);
        }
        return tryAcquire() || await(() -> tryAcquire() ? Boolean.TRUE : Ring.EMPTY, timeoutNanos);
    }

    @Override
    public void release() {
        if (kind != SEMAPHORE) {
            ObjectRef.super.release();
        } else {
            releasePermit();
        }
    }

    private static SharedMemorySync create(Path file, int kind, long parameter, long value) {
        return create(file, kind, parameter, value, -1);
    }

    private static SharedMemorySync create(Path file, int kind, long parameter, long value, long timeoutNanos) {
        MemoryBuffer words = MappedFile.create(file, SyncDescriptor.LENGTH);
        words.putInt(SyncDescriptor.VERSION_OFFSET, SyncDescriptor.VERSION);
        words.putInt(KIND_OFFSET, kind);
        words.putLong(PARAMETER_OFFSET, parameter);
        words.putLong(TIMEOUT_OFFSET, timeoutNanos);
        words.putLong(VALUE_OFFSET, value);
        // release: the fields above are written before any process can see the magic
        words.putIntRelease(SyncDescriptor.MAGIC_OFFSET, SyncDescriptor.MAGIC);
        SharedMemorySync sync = new SharedMemorySync(file, words);
        ATTACHED.put(file, sync);
        return sync;
    }

    private Object semaphore(Op op, Object[] arguments) {
        return switch (op) {
            case ACQUIRE -> acquire(nanos(arguments));
            case RELEASE -> {
                releasePermit();
                yield null;
            }
            case VALUE -> (int) words.getLongVolatile(VALUE_OFFSET);
            case LOCKED -> words.getLongVolatile(VALUE_OFFSET) == 0;
            default -> throw ManagedObjects.unknown(op);
        };
    }

    private Object reentrantLock(Op op, Object[] arguments) {
        return switch (op) {
            case ACQUIRE -> acquireOwned(nanos(arguments));
            case RELEASE -> {
                releaseOwned();
                yield null;
            }
            case LOCKED -> words.getLongVolatile(OWNER_OFFSET) != 0;
            default -> throw ManagedObjects.unknown(op);
        };
    }

    /**
     * A condition over its reentrant lock. A waiter registers under the spin lock while it holds the lock, so a
     * {@code signal}, which needs the lock, always finds it counted; {@code signal(n)} grants at most as many
     * wake-ups as there are waiters without one, and a waiter leaves with a wake-up or, timed out, without.
     */
    private Object condition(Op op, Object[] arguments) {
        return switch (op) {
            case AWAIT -> awaitSignal(nanos(arguments));
            case SIGNAL -> {
                grant(((Number) arguments[0]).longValue());
                yield null;
            }
            case SIGNAL_ALL -> {
                grant(Long.MAX_VALUE);
                yield null;
            }
            default -> reentrantLock(op, arguments);
        };
    }

    private boolean acquireOwned(long nanos) {
        long me = ownerId();
        if (words.getLongVolatile(OWNER_OFFSET) == me) {
            words.putLong(HOLDS_OFFSET, words.getLong(HOLDS_OFFSET) + 1);
            return true;
        }
        if (!await(() -> tryOwn(me) ? Boolean.TRUE : Ring.EMPTY, nanos)) {
            return false;
        }
        words.putLong(HOLDS_OFFSET, 1);
        return true;
    }

    /** Takes the lock if it is free; reads first, so that a waiter's tries leave the holder its cache line. */
    private boolean tryOwn(long me) {
        return words.getLongVolatile(OWNER_OFFSET) == 0 && words.compareAndSetLong(OWNER_OFFSET, 0, me);
    }

    private void releaseOwned() {
        requireOwner("release");
        long holds = words.getLong(HOLDS_OFFSET) - 1;
        words.putLong(HOLDS_OFFSET, holds);
        if (holds == 0) {
            // release: what the owner wrote is visible to the next owner, which takes the word with a CAS
            words.putLongRelease(OWNER_OFFSET, 0);
            sleepers.wakeAll();
        }
    }

    /** Releases the lock however often it is held, waits for a wake-up or the timeout, then holds it as before. */
    private boolean awaitSignal(long nanos) {
        requireOwner("wait on");
        lock();
        try {
            words.putLong(WAITERS_OFFSET, words.getLong(WAITERS_OFFSET) + 1);
        } finally {
            unlock();
        }
        long holds = words.getLong(HOLDS_OFFSET);
        words.putLong(HOLDS_OFFSET, 0);
        words.putLongRelease(OWNER_OFFSET, 0);
        sleepers.wakeAll();
        try {
            return await(this::takeWakeUp, nanos) || leaveWaiting();
        } catch (Blocking.Interrupted e) {
            leaveWaiting();
            throw e;
        } finally {
            reacquire(holds);
        }
    }

    /** Takes the lock back after a wait, however long it takes and even if interrupted, as a monitor does. */
    private void reacquire(long holds) {
        boolean interrupted = false;
        while (true) {
            try {
                acquireOwned(-1);
                break;
            } catch (Blocking.Interrupted e) {
                interrupted = true;
                Thread.interrupted();
            }
        }
        words.putLong(HOLDS_OFFSET, holds);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes a granted wake-up, if there is one: TRUE, or EMPTY to wait on. */
    private Object takeWakeUp() {
        lock();
        try {
            long permits = words.getLong(PERMITS_OFFSET);
            if (permits == 0) {
                return Ring.EMPTY;
            }
            words.putLong(PERMITS_OFFSET, permits - 1);
            words.putLong(WAITERS_OFFSET, words.getLong(WAITERS_OFFSET) - 1);
            return Boolean.TRUE;
        } finally {
            unlock();
        }
    }

    /** A waiter whose time ran out leaves; it takes a wake-up granted meanwhile rather than lose it. */
    private boolean leaveWaiting() {
        lock();
        try {
            long permits = words.getLong(PERMITS_OFFSET);
            words.putLong(WAITERS_OFFSET, words.getLong(WAITERS_OFFSET) - 1);
            if (permits > 0) {
                words.putLong(PERMITS_OFFSET, permits - 1);
                return true;
            }
            return false;
        } finally {
            unlock();
        }
    }

    private void grant(long wakeUps) {
        requireOwner("notify");
        lock();
        try {
            long waiting = words.getLong(WAITERS_OFFSET);
            long permits = words.getLong(PERMITS_OFFSET);
            words.putLong(PERMITS_OFFSET, permits + Math.min(wakeUps, waiting - permits));
        } finally {
            unlock();
        }
        sleepers.wakeAll();
    }

    private void requireOwner(String action) {
        if (words.getLongVolatile(OWNER_OFFSET) != ownerId()) {
            throw new IllegalMonitorStateException("cannot " + action + " a lock this thread does not hold");
        }
    }

    /** This thread, as an owner word: its pid in the high 32 bits, its thread id in the low 32 bits. */
    private static long ownerId() {
        return Processes.SELF << 32 | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
    }

    private boolean tryAcquire() {
        long permits = words.getLongVolatile(VALUE_OFFSET);
        return permits > 0 && words.compareAndSetLong(VALUE_OFFSET, permits, permits - 1);
    }

    private void releasePermit() {
        while (true) {
            long permits = words.getLongVolatile(VALUE_OFFSET);
            if (parameter > 0 && permits >= parameter) {
                throw ManagedObjects.releasedTooOften(parameter);
            }
            if (words.compareAndSetLong(VALUE_OFFSET, permits, permits + 1)) {
                sleepers.wakeAll();
                return;
            }
        }
    }

    private Object event(Op op, Object[] arguments) {
        return switch (op) {
            case SET -> {
                words.putLongVolatile(VALUE_OFFSET, 1);
                sleepers.wakeAll();
                yield null;
            }
            case CLEAR -> {
                words.putLongVolatile(VALUE_OFFSET, 0);
                yield null;
            }
            case IS_SET -> words.getLongVolatile(VALUE_OFFSET) == 1;
            case AWAIT -> await(() -> words.getLongVolatile(VALUE_OFFSET) == 1 ? Boolean.TRUE : Ring.EMPTY,
                    nanos(arguments));
            default -> throw ManagedObjects.unknown(op);
        };
    }

    private Object barrier(Op op, Object[] arguments) {
        return switch (op) {
            case AWAIT -> arrive(nanos(arguments) < 0 ? words.getLong(TIMEOUT_OFFSET) : nanos(arguments));
            case ABORT, RESET -> {
                lock();
                try {
                    finish(words.getLong(GENERATION_OFFSET), BROKE);
                    words.putLong(BROKEN_OFFSET, op == Op.ABORT ? 1 : 0);
                } finally {
                    unlock();
                }
                yield null;
            }
            case WAITING -> (int) words.getLongVolatile(VALUE_OFFSET);
            case PARTIES -> (int) parameter;
            case IS_BROKEN -> words.getLongVolatile(BROKEN_OFFSET) != 0;
            default -> throw ManagedObjects.unknown(op);
        };
    }

    /** Waits at the barrier; the last to arrive gets 0, the first {@code parties - 1}. */
    private int arrive(long nanos) {
        long generation;
        long arrived;
        lock();
        try {
            if (words.getLong(BROKEN_OFFSET) != 0) {
                throw brokenBarrier();
            }
            generation = words.getLong(GENERATION_OFFSET);
            arrived = words.getLong(VALUE_OFFSET) + 1;
            words.putLong(VALUE_OFFSET, arrived);
            if (arrived == parameter) {
                runActionOrBreak(generation);
                finish(generation, RELEASED);
                return 0;
            }
        } finally {
            unlock();
        }
        if (!await(() -> words.getLongVolatile(GENERATION_OFFSET) != generation ? Boolean.TRUE : Ring.EMPTY, nanos)) {
            breakAfterTimeout(generation);
        }
        if (outcome(generation) == BROKE) {
            throw brokenBarrier();
        }
        return (int) (parameter - arrived);
    }

    /** Runs the barrier's action, if any, as the last party; if it throws, breaks the barrier. Under the lock. */
    private void runActionOrBreak(long generation) {
        try {
            action().ifPresent(BarrierAction::run);
        } catch (RuntimeException | Error e) {
            breakOff(generation);
            throw e;
        }
    }

    /** Breaks the barrier now, failing the generation's parties. Under the lock. */
    private void breakOff(long generation) {
        words.putLong(BROKEN_OFFSET, 1);
        finish(generation, BROKE);
    }

    /** The barrier's action, read from its file once per JVM; empty for a barrier without one. */
    private Optional<ProcessTarget> action() {
        Optional<ProcessTarget> loaded = action;
        if (loaded == null) {
            Path actionFile = actionFile(file);
            try {
                loaded = Files.exists(actionFile)
                        ? Optional.of(BarrierAction.deserialize(Files.readAllBytes(actionFile))) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the barrier's action from " + actionFile, e);
            }
            action = loaded;
        }
        return loaded;
    }

    private static Path actionFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".action");
    }

    private void breakAfterTimeout(long generation) {
        lock();
        try {
            if (words.getLong(GENERATION_OFFSET) == generation) {
                breakOff(generation);
            }
        } finally {
            unlock();
        }
    }

    /** Ends a generation: records how, empties the barrier and wakes its waiters. Under the lock. */
    private void finish(long generation, long outcome) {
        words.putLong(SyncDescriptor.outcomeOffset(generation), generation << 1 | outcome);
        words.putLong(VALUE_OFFSET, 0);
        words.putLongVolatile(GENERATION_OFFSET, generation + 1);
        sleepers.wakeAll();
    }

    private long outcome(long generation) {
        long recorded = words.getLongVolatile(SyncDescriptor.outcomeOffset(generation));
        return recorded >>> 1 == generation ? recorded & 1 : RELEASED;
    }

    /** Takes the spin lock that guards a barrier's words; it is held for a few stores only. */
    private void lock() {
        if (words.compareAndSetLong(LOCK_OFFSET, 0, 1)) {
            return;
        }
        IdleStrategy idle = Backoff.newIdleStrategy();
        while (!words.compareAndSetLong(LOCK_OFFSET, 0, 1)) {
            idle.idle();
        }
    }

    private void unlock() {
        words.putLongRelease(LOCK_OFFSET, 0);
    }

    private boolean await(Blocking.Attempt attempt, long nanos) {
        return Blocking.untilWoken(sleepers, attempt, nanos, Blocking.NO_CHECK) != Ring.EMPTY;
    }

    private static long nanos(Object[] arguments) {
        return ((Number) arguments[0]).longValue();
    }

    private static BarrierBrokenException brokenBarrier() {
        return new BarrierBrokenException(BarrierBrokenException.MESSAGE);
    }
}
