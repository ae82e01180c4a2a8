package io.mproc.internal.wire;

/** A frame being built outgrew the maximum payload; it was not sent. */
public final class FrameTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FrameTooLargeException(long length, int maxPayload) {
        super("a message of " + length + " bytes is above the maximum frame payload of " + maxPayload
                + " bytes; send smaller inputs or results, or raise the pool's maxFrameBytes");
    }
}
