package io.mproc;

import java.nio.file.Path;

/** A run as the coordinator sees it: its parameters, its task count, and its shared state, which it creates. */
public interface JobContext extends SharedState {

    JobParameters parameters();

    /** How many tasks {@link Job#split} should aim for. */
    int taskCount();

    /** Where the run may write files it produces (an image, say); created on first use. */
    Path outputDirectory();

    LongValue newLongValue(String name, long initial);

    IntValue newIntValue(String name, int initial);

    DoubleValue newDoubleValue(String name, double initial);

    BooleanValue newBooleanValue(String name, boolean initial);

    LongArray newLongArray(String name, int length);

    IntArray newIntArray(String name, int length);

    DoubleArray newDoubleArray(String name, int length);
}
