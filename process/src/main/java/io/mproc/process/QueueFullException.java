package io.mproc.process;

import io.mproc.MprocException;

/** Python's {@code queue.Full}: a {@code put} found no room in time. */
public final class QueueFullException extends MprocException {

    private static final long serialVersionUID = 1L;

    QueueFullException(String message) {
        super(message);
    }
}
