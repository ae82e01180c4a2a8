package io.mproc.process;

import io.mproc.MprocException;

/**
 * Python's {@code AuthenticationError}: the other side of a {@link Listener} or {@link Client} connection did not
 * prove that it holds the same authentication key. The connection is closed.
 */
public final class AuthenticationException extends MprocException {

    private static final long serialVersionUID = 1L;

    AuthenticationException(String message) {
        super(message);
    }
}
