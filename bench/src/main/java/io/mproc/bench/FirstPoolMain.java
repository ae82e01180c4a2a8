package io.mproc.bench;

import io.mproc.runtime.Pool;

/**
 * A fresh JVM's first pool: prints the milliseconds from {@code main} to the first result of a pool of two, which
 * is what an application sees when it starts and builds its first pool (the JVM's own start not included, as
 * Python's figure leaves out the interpreter's).
 */
public final class FirstPoolMain {

    private FirstPoolMain() {
    }

    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (Pool pool = Pool.builder().workers(2).build()) {
            pool.submit(FirstPoolMain::square, 3).get();
            System.out.println((System.nanoTime() - start) / 1e6);
        }
    }
}
