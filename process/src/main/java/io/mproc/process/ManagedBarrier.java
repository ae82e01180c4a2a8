package io.mproc.process;

import java.util.concurrent.TimeUnit;

/**
 * A {@link Manager}'s barrier, with Python's states: a party that times out, or is interrupted, breaks it;
 * {@link #abort()} breaks it too; a broken barrier fails every arrival until {@link #reset()}. Each round of arrivals
 * is a generation; the parties waiting in one learn how it ended from its own object, however late they wake. Guarded
 * by its monitor.
 */
final class ManagedBarrier {

    private final int parties;
    private final ProcessTarget action;
    private final long defaultTimeoutNanos;
    private int waiting;
    private boolean broken;
    private Generation current = new Generation();

    /** A barrier whose action (null for none) runs when the parties have all arrived; a negative timeout is none. */
    ManagedBarrier(int parties, ProcessTarget action, long defaultTimeoutNanos) {
        this.parties = parties;
        this.action = action;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
    }

    /**
     * Waits for the other parties, up to the timeout (negative: the barrier's default); the last to arrive runs the
     * action and gets 0, the first {@code parties - 1}.
     */
    synchronized int await(long timeoutNanos) throws InterruptedException {
        long nanos = timeoutNanos < 0 ? defaultTimeoutNanos : timeoutNanos;
        if (broken) {
            throw brokenBarrier();
        }
        Generation generation = current;
        int index = parties - ++waiting;
        if (index == 0) {
            runActionOrBreak();
            endGeneration(false);
            return 0;
        }
        long deadline = System.nanoTime() + nanos;
        try {
            while (generation == current) {
                if (nanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        breakBarrier(true);
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        } catch (InterruptedException e) {
            if (generation == current) {
                breakBarrier(true);
            }
            throw e;
        }
        if (generation.broken) {
            throw brokenBarrier();
        }
        return index;
    }

    private void runActionOrBreak() {
        if (action == null) {
            return;
        }
        try {
            BarrierAction.run(action);
        } catch (RuntimeException | Error e) {
            breakBarrier(true);
            throw e;
        }
    }

    /** Breaks the barrier until {@link #reset()}; the parties waiting fail. */
    synchronized void abort() {
        breakBarrier(true);
    }

    /** Empties the barrier and mends it; the parties waiting fail. */
    synchronized void reset() {
        breakBarrier(false);
    }

    synchronized int waiting() {
        return waiting;
    }

    int parties() {
        return parties;
    }

    synchronized boolean isBroken() {
        return broken;
    }

    private void breakBarrier(boolean stayBroken) {
        endGeneration(true);
        broken = stayBroken;
    }

    private void endGeneration(boolean brokenOff) {
        current.broken = brokenOff;
        current = new Generation();
        waiting = 0;
        notifyAll();
    }

    private static BarrierBrokenException brokenBarrier() {
        return new BarrierBrokenException(BarrierBrokenException.MESSAGE);
    }

    /** One round of arrivals, and how it ended. */
    private static final class Generation {
        private boolean broken;
    }
}
