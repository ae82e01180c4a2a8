package io.mproc;

/**
 * Makes shared values and arrays, and looks them up by name ({@link SharedState}), in memory that every process of
 * a pool, context or job run maps: Python's {@code Value}, {@code Array}, {@code RawValue} and {@code RawArray}.
 * A pool, a context and a job's {@link JobContext} all make them through this interface; a task looks them up
 * through its {@link TaskContext}. Names are unique in one memory. Objects made here carry a lock ({@link
 * LongValue#lock()} and so on) besides their atomic operations; those of {@link #raw()} do not. Thread-safe.
 *
 * @throws IllegalArgumentException from each factory when the name is taken or too long, or the memory is full
 * @throws IllegalStateException    from each factory when the pool or context that owns the memory is closed
 */
public interface SharedMemory extends SharedState {

    /** A shared {@code long}, Python's {@code Value('q', initial)}. */
    LongValue newLongValue(String name, long initial);

    /** A shared {@code int}, Python's {@code Value('i', initial)}. */
    IntValue newIntValue(String name, int initial);

    /** A shared {@code double}, Python's {@code Value('d', initial)}. */
    DoubleValue newDoubleValue(String name, double initial);

    /** A shared {@code boolean}, Python's {@code Value('b', initial)} used as a flag. */
    BooleanValue newBooleanValue(String name, boolean initial);

    /** A shared {@code short}, Python's {@code Value('h', initial)}. */
    ShortValue newShortValue(String name, short initial);

    /** A shared array of {@code length} zeros, Python's {@code Array('h', length)}. */
    ShortArray newShortArray(String name, int length);

    /** A shared array holding a copy of {@code initial}, Python's {@code Array('h', initial)}. */
    ShortArray newShortArray(String name, short[] initial);

    /** A shared array of {@code length} zero bytes, Python's {@code Array('b', length)} or {@code Array('c', ...)}. */
    ByteArray newByteArray(String name, int length);

    /**
     * A shared array holding a copy of {@code initial}, Python's {@code Array('c', b"hello")}: see
     * {@link ByteArray#asString()} for its text.
     */
    ByteArray newByteArray(String name, byte[] initial);

    /** A shared array of {@code length} zeros, Python's {@code Array('q', length)}. */
    LongArray newLongArray(String name, int length);

    /** A shared array of {@code length} zeros, Python's {@code Array('i', length)}. */
    IntArray newIntArray(String name, int length);

    /** A shared array of {@code length} zeros, Python's {@code Array('d', length)}. */
    DoubleArray newDoubleArray(String name, int length);

    /** A shared array holding a copy of {@code initial}, Python's {@code Array('q', initial)}. */
    LongArray newLongArray(String name, long[] initial);

    /** A shared array holding a copy of {@code initial}, Python's {@code Array('i', initial)}. */
    IntArray newIntArray(String name, int[] initial);

    /** A shared array holding a copy of {@code initial}, Python's {@code Array('d', initial)}. */
    DoubleArray newDoubleArray(String name, double[] initial);

    /**
     * The same memory, whose factories make objects without a lock (Python's {@code RawValue} and {@code RawArray});
     * their atomic operations still work. Lookups find objects made either way.
     */
    SharedMemory raw();

    /**
     * The same memory, whose factories make objects that share {@code owner}'s lock (Python's {@code lock=}): holding
     * the lock of any of them holds it for all, so several values and arrays can be updated together. Lookups find
     * objects made either way.
     *
     * @throws IllegalArgumentException if {@code owner} was not made in this memory, or has no lock
     */
    SharedMemory withLockOf(SharedObject owner);
}
