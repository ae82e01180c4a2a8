package io.mproc;

/**
 * Looks up the shared values and arrays of a run by name, in any process of the run. Lookups are cheap after the
 * first; the objects returned may be kept for the run.
 *
 * @throws IllegalArgumentException from each method when no object of that name and type exists
 */
public interface SharedState {

    LongValue longValue(String name);

    IntValue intValue(String name);

    DoubleValue doubleValue(String name);

    BooleanValue booleanValue(String name);

    LongArray longArray(String name);

    IntArray intArray(String name);

    DoubleArray doubleArray(String name);

    ShortValue shortValue(String name);

    ShortArray shortArray(String name);

    ByteArray byteArray(String name);
}
