package io.mproc.runtime;

import io.mproc.IntArray;
import io.mproc.LockHold;
import io.mproc.LongArray;
import io.mproc.LongValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Tasks that work on shared values and arrays in real workers. */
final class SharedTasks {

    /** A task past its minimum slows down, so that the lock (which is not fair) does not starve the other. */
    private static final long LEADER_PAUSE_NANOS = 50_000;

    private SharedTasks() {
    }

    /** A job for one task: a counter, the array where each task counts its rounds, and this task's slot. */
    record Race(LongValue counter, LongArray rounds, int slot, int minimumRounds, boolean locked) {
    }

    /** What a task that waited for a lock saw. */
    record Takeover(long startedAtNanos, long acquiredAtNanos, boolean previousHolderDied) {
    }

    static List<Integer> squareCopy(List<Integer> list) {
        List<Integer> squared = new ArrayList<>(list);
        squared.replaceAll(x -> x * x);
        return squared;
    }

    static List<Integer> squareInPlace(IntArray array) {
        for (int i = 0; i < array.length(); i++) {
            array.set(i, array.get(i) * array.get(i));
        }
        return toList(array);
    }

    static long addOneMillion(LongValue counter) {
        for (int i = 0; i < 1_000_000; i++) {
            counter.addAndGet(1);
        }
        return counter.get();
    }

    /**
     * Read-modify-write until every task has done at least the minimum, so the tasks surely overlap. A short pause
     * between the read and the write makes the race window wide enough to be hit even when the two workers share
     * one core by time slicing.
     */
    static long race(Race race) {
        long rounds = 0;
        while (rounds < race.minimumRounds() || !allReached(race.rounds(), race.minimumRounds())) {
            if (race.locked()) {
                try (LockHold hold = race.counter().lock()) {
                    increment(race.counter());
                }
            } else {
                increment(race.counter());
            }
            race.rounds().set(race.slot(), ++rounds);
            if (rounds >= race.minimumRounds()) {
                LockSupport.parkNanos(LEADER_PAUSE_NANOS);
            }
        }
        return rounds;
    }

    private static void increment(LongValue counter) {
        long value = counter.get();
        for (int i = 0; i < 64; i++) {
            Thread.onSpinWait();
        }
        counter.set(value + 1);
    }

    static int holdLockForever(LongValue value) throws InterruptedException {
        value.lock();
        System.out.println("locked " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
        return 0;
    }

    static Takeover takeLock(LongValue value) {
        long started = System.nanoTime();
        try (LockHold hold = value.lock()) {
            return new Takeover(started, System.nanoTime(), hold.previousHolderDied());
        }
    }

    private static boolean allReached(LongArray rounds, long minimum) {
        for (int i = 0; i < rounds.length(); i++) {
            if (rounds.get(i) < minimum) {
                return false;
            }
        }
        return true;
    }

    static List<Integer> toList(IntArray array) {
        List<Integer> values = new ArrayList<>();
        for (int value : array.toArray()) {
            values.add(value);
        }
        return values;
    }
}
