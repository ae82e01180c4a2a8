package io.mproc.cluster;

import java.util.concurrent.ThreadFactory;

/** Threads of mproc's own in a cluster JVM: daemons, so that none keeps a JVM from ending. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
