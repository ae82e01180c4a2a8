package io.mproc;

/**
 * An exception thrown in another JVM, rebuilt here: its original class name, message, stack trace and cause
 * chain. It is not an instance of the original class, which the local JVM may not even have.
 */
public final class RemoteThrowable extends Exception {

    private static final long serialVersionUID = 1L;

    private final String className;

    public RemoteThrowable(String className, String message, StackTraceElement[] stackTrace, RemoteThrowable cause) {
        super(message, cause, false, true);
        this.className = className;
        setStackTrace(stackTrace);
    }

    /** The fully qualified class name of the exception in the remote JVM. */
    public String className() {
        return className;
    }

    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? className : className + ": " + message;
    }
}
