package io.mproc.internal.wire;

/** Layout of TASK and RESULT payloads, shared by both sides. */
public final class PayloadLayout {

    /** TASK: function id (int), item count (int), then one CBOR value per item. */
    public static final int TASK_FUNCTION_ID_OFFSET = 0;
    public static final int TASK_COUNT_OFFSET = 4;
    public static final int TASK_VALUES_OFFSET = 8;

    /**
     * RESULT and TIMEOUT: compute nanos (long), item count (int), error count (int), the error indexes (int each),
     * then one CBOR value per item: the result, or a {@link RemoteError} at an error index.
     */
    public static final int RESULT_NANOS_OFFSET = 0;
    public static final int RESULT_COUNT_OFFSET = 8;
    public static final int RESULT_ERROR_COUNT_OFFSET = 12;
    public static final int RESULT_ERRORS_OFFSET = 16;

    /** Functions each side remembers per connection, least recently used first out; both sides evict alike. */
    public static final int FUNCTION_CACHE_SIZE = 256;

    private PayloadLayout() {
    }
}
