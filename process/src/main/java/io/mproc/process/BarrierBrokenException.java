package io.mproc.process;

import io.mproc.MprocException;

/**
 * Python's {@code BrokenBarrierError}: a {@link SharedBarrier} broke while a party waited, or was broken when it
 * arrived, because a party timed out or the barrier was aborted.
 */
public final class BarrierBrokenException extends MprocException {

    private static final long serialVersionUID = 1L;

    static final String MESSAGE = "the barrier is broken (a party timed out, or it was aborted)";

    /** Public so that a failure at the manager is raised as this type in the calling process. */
    public BarrierBrokenException(String message) {
        super(message);
    }
}
