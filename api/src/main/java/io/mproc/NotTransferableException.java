package io.mproc;

/**
 * A function, initializer or input cannot be sent to a worker. Thrown when the work is submitted, before
 * anything is sent; the message names the culprit and the fix.
 */
public final class NotTransferableException extends MprocException {

    private static final long serialVersionUID = 1L;

    public NotTransferableException(String message, Throwable cause) {
        super(message, cause);
    }
}
