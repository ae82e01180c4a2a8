package io.mproc.internal.wire;

/**
 * The layout of one frame of the coordinator-worker protocol. All integers are little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |         magic 0x4D50          |     type      |     flags     |
 *  +-------------------------------+---------------+---------------+
 *  |                     payload length (bytes)                    |
 *  +---------------------------------------------------------------+
 *  |                       request id (64 bits)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    payload (length bytes) ...                 |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class Frame {

    public static final short MAGIC = 0x4D50;
    public static final int MAGIC_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;
    public static final int FLAGS_OFFSET = 3;
    public static final int LENGTH_OFFSET = 4;
    public static final int REQUEST_ID_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;

    /** The largest payload accepted unless a pool says otherwise. */
    public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024 * 1024;

    /** Worker to coordinator, first frame: token, pid, worker id, credits. */
    public static final byte HELLO = 1;
    /** Coordinator to worker: the initializer to run before any task. */
    public static final byte INIT = 2;
    /** Coordinator to worker: a function, its id in the request id field. */
    public static final byte DEFINE = 3;
    /** Coordinator to worker: a chunk of inputs for one function. */
    public static final byte TASK = 4;
    /** Worker to coordinator: the outcomes of a whole chunk. */
    public static final byte RESULT = 5;
    /** Worker to coordinator: the outcomes before the item that ran out of time; the worker then exits. */
    public static final byte TIMEOUT = 6;
    /** Coordinator to worker: drop this chunk if it has not started. */
    public static final byte CANCEL = 7;
    /** Worker to coordinator: the chunk was dropped unstarted. */
    public static final byte CANCELLED = 8;
    /** Coordinator to worker: finish what is queued, then exit. */
    public static final byte SHUTDOWN = 9;
    /** Worker to coordinator: the worker cannot go on (initializer failed, out of memory); it then exits. */
    public static final byte FATAL = 10;
    /** Worker to coordinator, at most once a second: CPU time used, heap used, heap limit. */
    public static final byte STATS = 11;

    private static final String[] NAMES = {
        "?", "HELLO", "INIT", "DEFINE", "TASK", "RESULT", "TIMEOUT", "CANCEL", "CANCELLED", "SHUTDOWN", "FATAL", "STATS"
    };

    private Frame() {
    }

    public static boolean isKnownType(int type) {
        return type >= HELLO && type <= STATS;
    }

    public static String typeName(int type) {
        return isKnownType(type) ? NAMES[type] : "unknown type " + type;
    }
}
