package io.mproc.runtime;

import java.util.ArrayList;
import java.util.List;

/** Task functions the tests send to real workers. */
final class Tasks {

    static final List<byte[]> HOARD = new ArrayList<>();
    static int initialized;

    private Tasks() {
    }

    static int square(int x) {
        return x * x;
    }

    static long pid(int ignored) {
        return ProcessHandle.current().pid();
    }

    static int fail(int x) {
        throw new IllegalStateException("bad input " + x, new ArithmeticException("root cause"));
    }

    static int exit(int code) {
        System.exit(code);
        return code;
    }

    static int sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    static int hoard(int megabytes) {
        while (true) {
            HOARD.add(new byte[megabytes * 1024 * 1024]);
        }
    }

    static void initialize() {
        initialized++;
    }

    static long initializedCount(int ignored) {
        return ProcessHandle.current().pid() * 1000 + initialized;
    }

    static int print(int x) {
        System.out.println("MPROC-FRAME-LOOKALIKE \u0000\u0001 " + x);
        return x;
    }
}
