package io.mproc.process;

/**
 * The outcome of a {@link Call}: a value, or a failure.
 *
 * @param value   the result; null for a failure or a void operation
 * @param failure null on success, else the Java class name of the failure to raise in the caller
 * @param message the failure's message
 */
record Reply(Object value, String failure, String message) {

    static Reply of(Object value) {
        return new Reply(value, null, null);
    }

    static Reply failed(Throwable failure) {
        return new Reply(null, failure.getClass().getName(), String.valueOf(failure.getMessage()));
    }
}
