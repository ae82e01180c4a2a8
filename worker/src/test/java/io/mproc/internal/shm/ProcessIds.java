package io.mproc.internal.shm;

/** Process ids for tests. */
final class ProcessIds {

    private ProcessIds() {
    }

    /** A pid that no live process has. */
    static long deadPid() {
        for (long pid = 4_000_000; pid > 1; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
        throw new IllegalStateException("every pid is taken");
    }
}
