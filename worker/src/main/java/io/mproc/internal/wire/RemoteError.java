package io.mproc.internal.wire;

import io.mproc.RemoteThrowable;
import java.util.Arrays;
import java.util.List;

/** A throwable as it crosses the wire: class name, message, stack trace and cause chain. */
public record RemoteError(String className, String message, List<Frame> stack, RemoteError cause) {

    private static final int MAX_CAUSES = 16;

    /** One stack trace element. */
    public record Frame(String declaringClass, String methodName, String fileName, int lineNumber) {
    }

    public static RemoteError of(Throwable throwable) {
        return of(throwable, 0);
    }

    private static RemoteError of(Throwable throwable, int depth) {
        Throwable cause = throwable.getCause();
        RemoteError remoteCause = cause == null || cause == throwable || depth >= MAX_CAUSES ? null : of(cause, depth + 1);
        List<Frame> stack = Arrays.stream(throwable.getStackTrace())
                .map(e -> new Frame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber()))
                .toList();
        return new RemoteError(throwable.getClass().getName(), throwable.getMessage(), stack, remoteCause);
    }

    public RemoteThrowable toThrowable() {
        StackTraceElement[] elements = stack.stream()
                .map(f -> new StackTraceElement(f.declaringClass(), f.methodName(), f.fileName(), f.lineNumber()))
                .toArray(StackTraceElement[]::new);
        return new RemoteThrowable(className, message, elements, cause == null ? null : cause.toThrowable());
    }
}
