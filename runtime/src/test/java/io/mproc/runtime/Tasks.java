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

    /** Says it started (with its pid, on standard output), then sleeps. */
    static int announceAndSleep(int millis) throws InterruptedException {
        System.out.println("started " + ProcessHandle.current().pid());
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

    /** An initializer that says it ran (with its pid, on standard output). */
    static void announceInitialized() {
        System.out.println("initialized " + ProcessHandle.current().pid());
    }

    /** The worker's pid and how many times its initializer ran. */
    record Initialized(long pid, int count) {
    }

    static Initialized initializedCount(int ignored) {
        return new Initialized(ProcessHandle.current().pid(), initialized);
    }

    static int print(int x) {
        System.out.println("MP\u0004\u0005 looks like a frame " + x);
        System.out.flush();
        return x;
    }

    static int multiply(int a, int b) {
        return a * b;
    }
}
