package io.mproc.runtime;

import io.mproc.internal.shm.SharedSegment;

/**
 * This worker's private copy of a run's segment, on which isolated tasks run one at a time. The copy is made at
 * the first task of a run, next to the run's segment, and kept equal to it between tasks; a task of another run
 * replaces it. The file is deleted when it is replaced or this JVM exits; a worker killed outright leaves it to
 * {@link SharedSegment#removeStale}.
 */
final class PrivateCopy {

    private static SharedSegment base;
    private static SharedSegment copy;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PrivateCopy::close, "mproc-private-copy-cleanup"));
    }

    private PrivateCopy() {
    }

    /** The copy of {@code segment}, made now if this worker has none of it. */
    static synchronized SharedSegment of(SharedSegment segment) {
        if (segment != base) {
            close();
            copy = SharedSegment.createFromSnapshot(segment.path().getParent(), segment.capacity(),
                    segment.snapshot());
            base = segment;
        }
        return copy;
    }

    /** Deletes the copy and forgets this worker's mapping of the base it was made from. */
    private static synchronized void close() {
        if (copy != null) {
            copy.close();
            base.close();
            copy = null;
            base = null;
        }
    }
}
