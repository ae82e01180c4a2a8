package io.mproc.process;

import io.mproc.MprocException;

/**
 * Python's {@code EOFError} and {@code BrokenPipeError}: the other end of a pipe closed or its process ended, so
 * nothing more will arrive (on {@code recv}) or be read (on {@code send}).
 */
public final class EndOfStreamException extends MprocException {

    private static final long serialVersionUID = 1L;

    EndOfStreamException(String message) {
        super(message);
    }
}
