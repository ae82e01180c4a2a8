package io.mproc.cli;

import io.mproc.TaskFunction;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A task function compiled by the test into a directory of classes that only the coordinator has; each call takes a
 * millisecond, so that a map of thousands lasts long enough to kill a node during it.
 */
final class CubeClasses {

    private static final String SOURCE = """
            package example;

            public class Cube implements io.mproc.TaskFunction<Integer, Long> {
                @Override
                public Long apply(Integer x) {
                    long busyUntil = System.nanoTime() + 1_000_000;
                    while (System.nanoTime() < busyUntil) {
                        Thread.onSpinWait();
                    }
                    return (long) x * x * x;
                }
            }
            """;

    private CubeClasses() {
    }

    /** Compiles {@code example.Cube} under {@code dir} and returns its class directory. */
    static Path compile(Path dir) throws IOException {
        return UserJobJar.compile(dir, "example/Cube.java", SOURCE);
    }

    @SuppressWarnings("unchecked")
    static TaskFunction<Integer, Long> cube(ClassLoader loader) throws ReflectiveOperationException {
        return (TaskFunction<Integer, Long>) loader.loadClass("example.Cube").getConstructor().newInstance();
    }
}
