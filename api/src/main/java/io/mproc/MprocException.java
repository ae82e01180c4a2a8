package io.mproc;

/** The root of mproc's own exceptions. Unchecked, as a task's outcome is usually handled by its caller. */
public class MprocException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MprocException(String message) {
        super(message);
    }

    public MprocException(String message, Throwable cause) {
        super(message, cause);
    }
}
