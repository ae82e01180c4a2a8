package io.mproc;

/** A single task did not produce a result. The pool itself goes on working. */
public abstract class TaskException extends MprocException {

    private static final long serialVersionUID = 1L;

    protected TaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
