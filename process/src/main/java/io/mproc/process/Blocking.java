package io.mproc.process;

import io.mproc.internal.shm.Backoff;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;

/**
 * Retries a non-blocking attempt until it succeeds or a deadline passes: backing off as {@link Backoff} says, so
 * that a busy exchange stays in microseconds and an idle wait costs no CPU.
 */
final class Blocking {

    /** Waits forever. */
    static final long FOREVER = -1;

    /** A check for waits that nothing but their timeout ends. */
    static final Runnable NO_CHECK = () -> { };

    private static final long CHECK_INTERVAL = TimeUnit.MILLISECONDS.toNanos(50);

    @FunctionalInterface
    interface Attempt {
        /** The outcome, or {@link Ring#EMPTY} to try again. */
        Object attempt();
    }

    private Blocking() {
    }

    /**
     * A public method's timeout as this class takes it, read as Python reads one: null waits as long as it takes, a
     * negative or zero timeout does not wait, and one too long to count in nanoseconds is as good as forever.
     */
    static long nanos(Duration timeout) {
        if (timeout == null) {
            return FOREVER;
        }
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** What a wait throws when its thread is interrupted; the thread's interrupt flag stays set. */
    static Interrupted interrupted(String waitingFor) {
        Thread.currentThread().interrupt();
        return new Interrupted("interrupted while waiting for " + waitingFor);
    }

    /** A wait ended by an interrupt; an {@link IllegalStateException}, as the public methods say. */
    static final class Interrupted extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private Interrupted(String message) {
            super(message);
        }
    }

    /**
     * As {@link #until}, for an attempt that a change announced to the sleepers ends (a lock released, an event set,
     * the last item of a joinable queue done): after spinning and yielding as {@link Backoff} does, the thread sleeps
     * on a {@link Waker} enlisted in the {@link Sleepers} instead of parking, so that the process making the change
     * wakes it in a system call's time, and an idle wait costs no CPU. Where no waker can be had (every sleeper slot
     * taken, or no socket can be made), it waits as {@link #until} does.
     */
    static Object untilWoken(Sleepers sleepers, Attempt attempt, long timeoutNanos, Runnable check) {
        Object outcome = attempt.attempt();
        if (outcome != Ring.EMPTY || timeoutNanos == 0) {
            return outcome;
        }
        return spinThenSleep(List.of(sleepers), () -> true, attempt, timeoutNanos, check, CHECK_INTERVAL);
    }

    /**
     * As {@link #untilWoken}, for an attempt that a message in the ring ends. The producer that claims the next
     * position wakes the sleepers without a fence of its own ({@link Sleepers#wakeAllAfterClaim}), so a consumer
     * sleeps only while no position is claimed ({@link Ring#quiet}); while one is, it parks briefly instead.
     */
    static Object untilMessage(Ring ring, Attempt attempt, long timeoutNanos, Runnable check) {
        Object outcome = attempt.attempt();
        if (outcome != Ring.EMPTY || timeoutNanos == 0) {
            return outcome;
        }
        return spinThenSleep(List.of(ring.sleepers), ring::quiet, attempt, timeoutNanos, check, CHECK_INTERVAL);
    }

    /**
     * As {@link #untilMessage}, for an attempt that a message in any of several rings of one context ends, or a change
     * that no wake-up announces (a process ending): the thread sleeps at most {@code maxSleepNanos} at a time.
     */
    static Object untilMessageInAny(List<Ring> rings, Attempt attempt, long timeoutNanos, long maxSleepNanos) {
        Path directory = rings.get(0).sleepers.directory;
        if (!rings.stream().allMatch(ring -> ring.sleepers.directory.equals(directory))) {
            return until(attempt, timeoutNanos, NO_CHECK);
        }
        Object outcome = attempt.attempt();
        if (outcome != Ring.EMPTY || timeoutNanos == 0) {
            return outcome;
        }
        return spinThenSleep(rings.stream().map(ring -> ring.sleepers).toList(),
                () -> rings.stream().allMatch(Ring::quiet), attempt, timeoutNanos, NO_CHECK, maxSleepNanos);
    }

    private static Object spinThenSleep(List<Sleepers> sleepers, BooleanSupplier quiet, Attempt attempt,
                                        long timeoutNanos, Runnable check, long maxSleepNanos) {
        Object outcome = spin(attempt);
        if (outcome != Ring.EMPTY) {
            return outcome;
        }
        Waker waker;
        try {
            waker = Waker.borrow(sleepers.get(0).directory);
        } catch (IOException e) {
            return until(attempt, timeoutNanos, check);
        }
        try {
            return sleepUntil(new Sleep(sleepers, quiet, waker, maxSleepNanos), attempt, timeoutNanos, check);
        } finally {
            waker.giveBack();
        }
    }

    /** What a sleeping wait sleeps on: the sleepers it enlists with, and when it may sleep rather than park. */
    private record Sleep(List<Sleepers> sleepers, BooleanSupplier quiet, Waker waker, long maxSleepNanos) {
    }

    private static Object sleepUntil(Sleep sleep, Attempt attempt, long timeoutNanos, Runnable check) {
        long start = System.nanoTime();
        long nextCheck = start + CHECK_INTERVAL;
        int[] slots = new int[sleep.sleepers.size()];
        while (true) {
            long now = System.nanoTime();
            long left = timeoutNanos < 0 ? Long.MAX_VALUE : start + timeoutNanos - now;
            Object outcome = Ring.EMPTY;
            boolean waited = false;
            int enlisted = enlist(sleep.sleepers, sleep.waker.id, slots);
            try {
                if (enlisted == slots.length) {
                    outcome = attempt.attempt();
                    if (outcome == Ring.EMPTY && left > 0) {
                        waitOnce(sleep, Math.min(sleep.maxSleepNanos, Math.min(left, nextCheck - now)));
                        waited = true;
                    }
                }
            } catch (IOException e) {
                // the waker failed; this wait goes on without it
            } finally {
                for (int i = 0; i < enlisted; i++) {
                    sleep.sleepers.get(i).withdraw(slots[i], sleep.waker.id);
                }
            }
            if (outcome != Ring.EMPTY || left <= 0) {
                return outcome;
            }
            if (!waited) {
                return until(attempt, timeoutNanos < 0 ? FOREVER : left, check);
            }
            if (System.nanoTime() - nextCheck >= 0) {
                check.run();
                nextCheck = System.nanoTime() + CHECK_INTERVAL;
            }
            if (Thread.interrupted()) {
                throw interrupted("a queue, pipe or shared object");
            }
        }
    }

    /** Sleeps on the waker where nothing is on its way; parks briefly where something is (it comes unannounced). */
    private static void waitOnce(Sleep sleep, long nanos) throws IOException {
        if (sleep.quiet.getAsBoolean()) {
            sleep.waker.sleep(nanos);
        } else {
            LockSupport.parkNanos(Math.min(nanos, Backoff.MIN_PARK_NANOS));
        }
    }

    /** Enlists the waker with each sleepers in turn, noting its slots; how many took it (all, or up to a full one). */
    private static int enlist(List<Sleepers> sleepers, long wakerId, int[] slots) {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = sleepers.get(i).enlist(wakerId);
            if (slots[i] < 0) {
                return i;
            }
        }
        return slots.length;
    }

    /**
     * Runs the attempt until it yields something other than {@link Ring#EMPTY}, spinning and then yielding as long as
     * {@link Backoff} does before it parks; {@link Ring#EMPTY} if nothing came meanwhile.
     */
    private static Object spin(Attempt attempt) {
        IdleStrategy idle = Backoff.newIdleStrategy();
        for (int i = 0; i < Backoff.SPINS + Backoff.YIELDS; i++) {
            idle.idle();
            Object outcome = attempt.attempt();
            if (outcome != Ring.EMPTY) {
                return outcome;
            }
        }
        return Ring.EMPTY;
    }

    /**
     * Runs the attempt until it yields something other than {@link Ring#EMPTY}, or until the timeout passes
     * ({@link Ring#EMPTY} then). The check runs about every 50 ms while waiting, and may end the wait by throwing.
     *
     * @throws IllegalStateException if the thread is interrupted while waiting (its interrupt flag stays set)
     */
    static Object until(Attempt attempt, long timeoutNanos, Runnable check) {
        Object outcome = attempt.attempt();
        if (outcome != Ring.EMPTY) {
            return outcome;
        }
        IdleStrategy idle = Backoff.newIdleStrategy();
        long start = System.nanoTime();
        long nextCheck = start + CHECK_INTERVAL;
        while (true) {
            idle.idle();
            outcome = attempt.attempt();
            if (outcome != Ring.EMPTY) {
                return outcome;
            }
            long now = System.nanoTime();
            if (timeoutNanos >= 0 && now - start >= timeoutNanos) {
                return Ring.EMPTY;
            }
            if (now - nextCheck >= 0) {
                check.run();
                nextCheck = now + CHECK_INTERVAL;
            }
            if (Thread.interrupted()) {
                throw interrupted("a queue, pipe or shared object");
            }
        }
    }
}
