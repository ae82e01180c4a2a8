package io.mproc.worker;

import io.mproc.internal.wire.Bootstrap;
import io.mproc.internal.wire.WorkerExit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of a worker JVM. It reads its {@link Bootstrap} settings from standard input, connects to the
 * coordinator and runs tasks until told to stop or until the coordinator is gone. Not meant to be started by
 * hand.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) {
        Bootstrap bootstrap;
        try {
            bootstrap = Bootstrap.parse(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            System.err.println("mproc worker: cannot read bootstrap settings from standard input: " + e);
            Runtime.getRuntime().halt(WorkerExit.BAD_BOOTSTRAP);
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            System.err.println("mproc worker: uncaught " + error + " in thread " + thread.getName());
            Runtime.getRuntime().halt(error instanceof OutOfMemoryError
                    ? WorkerExit.OUT_OF_MEMORY : WorkerExit.INTERNAL_ERROR);
        });
        new Worker(bootstrap).run();
    }
}
