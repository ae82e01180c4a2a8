package io.mproc.bench;

import io.mproc.runtime.Pool;
import java.util.List;

/**
 * A fresh JVM's first pool: prints the milliseconds from {@code main} to the first result of a pool of two, which
 * is what an application sees when it starts and builds its first pool (the JVM's own start not included, as
 * Python's figure leaves out the interpreter's). With the argument {@code records}, the first work is a map of two
 * records, one to each worker, instead of one number.
 */
public final class FirstPoolMain {

    /** A task's input and result as an application would declare it. */
    record Point(int x, int y, String label) {
    }

    private FirstPoolMain() {
    }

    static int square(int x) {
        return x * x;
    }

    static Point moved(Point point) {
        return new Point(point.x() + 1, point.y() + 1, point.label());
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (Pool pool = Pool.builder().workers(2).build()) {
            if (args.length > 0 && args[0].equals("records")) {
                pool.map(FirstPoolMain::moved, List.of(new Point(1, 2, "a"), new Point(3, 4, "b")), 1);
            } else {
                pool.submit(FirstPoolMain::square, 3).get();
            }
            System.out.println((System.nanoTime() - start) / 1e6);
        }
    }
}
