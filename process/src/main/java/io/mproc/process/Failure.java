package io.mproc.process;

import io.mproc.MprocException;
import java.util.NoSuchElementException;

/**
 * The kind of a failure at the manager, as a {@link Reply} carries it: one byte, raised in the caller as the same
 * exception type the object threw, with the same message. Failures of other types arrive as {@link MprocException}
 * naming the type.
 */
enum Failure {
    ILLEGAL_STATE,
    ILLEGAL_MONITOR_STATE,
    ILLEGAL_ARGUMENT,
    INDEX_OUT_OF_BOUNDS,
    BROKEN_BARRIER,
    INTERRUPTED,
    NO_SUCH_ELEMENT,
    UNSUPPORTED,
    OTHER;

    private static final Failure[] BY_CODE = values();

    byte code() {
        return (byte) ordinal();
    }

    static Failure of(byte code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The kind of this failure. */
    static Failure of(Throwable failure) {
        if (failure instanceof BarrierBrokenException) {
            return BROKEN_BARRIER;
        }
        if (failure instanceof IllegalMonitorStateException) {
            return ILLEGAL_MONITOR_STATE;
        }
        if (failure instanceof IllegalStateException) {
            return ILLEGAL_STATE;
        }
        if (failure instanceof IndexOutOfBoundsException) {
            return INDEX_OUT_OF_BOUNDS;
        }
        if (failure instanceof IllegalArgumentException) {
            return ILLEGAL_ARGUMENT;
        }
        if (failure instanceof UnsupportedOperationException) {
            return UNSUPPORTED;
        }
        if (failure instanceof NoSuchElementException) {
            return NO_SUCH_ELEMENT;
        }
        return failure instanceof InterruptedException ? INTERRUPTED : OTHER;
    }

    /** The exception to raise in the caller for a failure of this kind with this message. */
    RuntimeException toException(String message) {
        return switch (this) {
            case ILLEGAL_STATE -> new IllegalStateException(message);
            case ILLEGAL_MONITOR_STATE -> new IllegalMonitorStateException(message);
            case ILLEGAL_ARGUMENT -> new IllegalArgumentException(message);
            case INDEX_OUT_OF_BOUNDS -> new IndexOutOfBoundsException(message);
            case BROKEN_BARRIER -> new BarrierBrokenException(message);
            case INTERRUPTED -> new MprocException("the manager was interrupted while it served this call: " + message);
            case NO_SUCH_ELEMENT -> new NoSuchElementException(message);
            case UNSUPPORTED -> new UnsupportedOperationException(message);
            case OTHER -> new MprocException(message);
        };
    }
}
