package io.mproc.internal.wire;

/** Bytes on a connection that are not a valid frame; the connection is closed. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
