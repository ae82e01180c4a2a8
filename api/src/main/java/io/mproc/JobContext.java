package io.mproc;

import java.nio.file.Path;

/**
 * A run as the coordinator sees it: its parameters, its task count, and its shared memory, where it makes the values
 * and arrays its tasks look up.
 */
public interface JobContext extends SharedMemory {

    JobParameters parameters();

    /** How many tasks {@link Job#split} should aim for. */
    int taskCount();

    /** Where the run may write files it produces (an image, say); created on first use. */
    Path outputDirectory();
}
