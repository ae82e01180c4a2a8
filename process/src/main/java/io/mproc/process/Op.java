package io.mproc.process;

/**
 * The operations of managed and shared-memory objects. A {@link Call} carries one as a byte, its ordinal: the
 * manager and its clients run the same mproc version, so the order is the wire format, and new operations go last.
 */
enum Op {
    SIZE,
    GET,
    SET,
    APPEND,
    INSERT,
    REMOVE,
    CLEAR,
    COPY,
    CONTAINS_KEY,
    PUT,
    KEYS_VERSION,
    ITERATE,
    ACQUIRE,
    RELEASE,
    VALUE,
    IS_SET,
    AWAIT,
    SIGNAL,
    SIGNAL_ALL,
    ABORT,
    WAITING,
    PARTIES,
    IS_BROKEN,
    RESET,
    LOCKED,
    POP_ITEM,
    DELETE,
    INVOKE;

    private static final Op[] BY_CODE = values();

    byte code() {
        return (byte) ordinal();
    }

    static Op of(byte code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no operation with code " + code);
        }
        return BY_CODE[code];
    }
}
