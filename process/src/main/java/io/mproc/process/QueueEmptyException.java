package io.mproc.process;

import io.mproc.MprocException;

/** Python's {@code queue.Empty}: a {@code get} found no item in time. */
public final class QueueEmptyException extends MprocException {

    private static final long serialVersionUID = 1L;

    QueueEmptyException(String message) {
        super(message);
    }
}
