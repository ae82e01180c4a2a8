package io.mproc.process;

import io.mproc.MprocException;

/**
 * Python 3.13's {@code queue.ShutDown}: a {@code put} on a queue that was shut down, or a {@code get} on one that
 * was shut down and holds nothing more.
 */
public final class QueueShutDownException extends MprocException {

    private static final long serialVersionUID = 1L;

    QueueShutDownException(String message) {
        super(message);
    }
}
