package io.mproc.process;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

import io.mproc.internal.shm.MemoryBuffer;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The threads asleep on a ring or a synchronization object, in its file's header: a count of them on one cache line,
 * then {@value #SLOTS} words on the next, each 0 or the id of the {@link Waker} a thread sleeps on until the object
 * changes (a message comes, a lock is released). A waiter enlists (compare-and-sets, full fences) before its last
 * try; whoever changes the object, after its store, fences (a producer's claim of its position is that fence) and
 * reads the count, and only where it is not 0 takes every enlisted id, waking each. Each side so stores, fences and
 * then loads what the other stores, and one of them sees the other: a change made while a waiter falls asleep always
 * wakes it. Thread-safe, across processes.
 */
final class Sleepers {

    static final int SLOTS = 8;

    private final MemoryBuffer buffer;
    private final int offset;
    /** The directory of the object's file, where its sleepers' wakers are. */
    final Path directory;

    /** The sleepers at {@code offset} in the buffer mapping this file. */
    Sleepers(MemoryBuffer buffer, int offset, Path file) {
        this.buffer = buffer;
        this.offset = offset;
        this.directory = file.toAbsolutePath().getParent();
    }

    /** Enlists the waker; its slot, or -1 if every slot is taken (the caller then waits without sleeping). */
    int enlist(long wakerId) {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (buffer.compareAndSetLong(at(slot), 0, wakerId)) {
                buffer.getAndAddLong(offset, 1);
                return slot;
            }
        }
        return -1;
    }

    /** Takes the waker's enlistment back, unless a producer took it first (and so woke it). */
    void withdraw(int slot, long wakerId) {
        if (buffer.compareAndSetLong(at(slot), wakerId, 0)) {
            buffer.getAndAddLong(offset, -1);
        }
    }

    /** After a change: wakes every waiter enlisted, taking its enlistment; a fence and one read where none is. */
    void wakeAll() {
        VarHandle.fullFence();
        wakeAllAfterClaim();
    }

    /**
     * As {@link #wakeAll}, without the fence, for a producer whose compare-and-set on a ring's tail claimed the
     * position it then published: that atomic write is ordered before this read, and a consumer that enlisted after it
     * sees the claim and does not sleep ({@link Ring#quiet}).
     */
    void wakeAllAfterClaim() {
        if (buffer.getLongVolatile(offset) == 0) {
            return;
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            long wakerId = buffer.getLongVolatile(at(slot));
            if (wakerId != 0 && buffer.compareAndSetLong(at(slot), wakerId, 0)) {
                buffer.getAndAddLong(offset, -1);
                WakeLines.wake(directory, wakerId);
            }
        }
    }

    private int at(int slot) {
        return offset + CACHE_LINE_LENGTH + slot * Long.BYTES;
    }
}
