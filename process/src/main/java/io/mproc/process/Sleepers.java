package io.mproc.process;

import io.mproc.internal.shm.MemoryBuffer;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The threads asleep on a ring or a synchronization object, in its file's header: {@value #SLOTS} words, each 0 or
 * the id of the {@link Waker} a thread sleeps on until the object changes (a message comes, a lock is released). A
 * waiter enlists (a compare-and-set, a full fence) before its last try; whoever changes the object, after its store,
 * fences and takes every enlisted id, waking each. Each side so stores, fences and then loads what the other stores,
 * and one of them sees the other: a change made while a waiter falls asleep always wakes it. Thread-safe, across
 * processes.
 */
final class Sleepers {

    static final int SLOTS = 8;

    private final MemoryBuffer buffer;
    private final int offset;
    /** The directory of the ring, where its sleepers' wakers are. */
    final Path directory;

    Sleepers(MemoryBuffer buffer, int offset, Path directory) {
        this.buffer = buffer;
        this.offset = offset;
        this.directory = directory;
    }

    /** Enlists the waker; its slot, or -1 if every slot is taken (the caller then waits without sleeping). */
    int enlist(long wakerId) {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (buffer.compareAndSetLong(at(slot), 0, wakerId)) {
                return slot;
            }
        }
        return -1;
    }

    /** Takes the waker's enlistment back, unless a producer took it first (and so woke it). */
    void withdraw(int slot, long wakerId) {
        buffer.compareAndSetLong(at(slot), wakerId, 0);
    }

    /** After a change: wakes every waiter enlisted, taking its enlistment. */
    void wakeAll() {
        VarHandle.fullFence();
        for (int slot = 0; slot < SLOTS; slot++) {
            long wakerId = buffer.getLongVolatile(at(slot));
            if (wakerId != 0 && buffer.compareAndSetLong(at(slot), wakerId, 0)) {
                WakeLines.wake(directory, wakerId);
            }
        }
    }

    private int at(int slot) {
        return offset + slot * Long.BYTES;
    }
}
