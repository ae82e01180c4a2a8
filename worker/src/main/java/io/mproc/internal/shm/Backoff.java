package io.mproc.internal.shm;

import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The one back-off policy of mproc's wait loops on shared memory (locks, queues, pipes, synchronization words):
 * spin {@value #SPINS} times, yield {@value #YIELDS} times, then park from 1 µs, doubling up to 1 ms. A busy
 * exchange between processes so stays within microseconds, and an idle wait costs no CPU and reacts within a
 * millisecond. A wait that the other process announces (a message, a released lock) spins and yields as here, then
 * sleeps until it is woken instead of parking. Stateless; thread-safe.
 */
public final class Backoff {

    public static final int SPINS = 200;
    public static final int YIELDS = 50;
    public static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    public static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Backoff() {
    }

    /** A fresh idle strategy for one wait: made only once a first attempt has failed, and used by one thread. */
    public static IdleStrategy newIdleStrategy() {
        return new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NANOS, MAX_PARK_NANOS);
    }
}
