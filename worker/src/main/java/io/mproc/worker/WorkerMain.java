package io.mproc.worker;

import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.internal.wire.Bootstrap;
import io.mproc.internal.wire.WorkerExit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Entry point of a worker JVM. It reads its {@link Bootstrap} settings from standard input, connects to the
 * coordinator and runs tasks until told to stop or until the coordinator is gone. A spare worker ({@link #SPARE}),
 * started before any pool wanted it, first prepares, says on standard output that it waits
 * ({@link LaunchedJvm#WAITING_LINE}), and waits for its settings at most {@code mproc.worker.spareSeconds} (60 s),
 * then ends. Not meant to be started by hand.
 */
public final class WorkerMain {

    /** The argument that makes a worker a spare. */
    public static final String SPARE = "--spare";

    private static final long SPARE_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("mproc.worker.spareSeconds", 60));

    private static volatile boolean bootstrapped;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        boolean spare = List.of(args).contains(SPARE);
        if (spare) {
            WarmUp.everything();
            sayWaiting();
            endUnlessBootstrappedInTime();
        }
        Bootstrap bootstrap;
        try {
            bootstrap = Bootstrap.parse(readSettings(spare));
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

    private static void sayWaiting() {
        System.out.println(LaunchedJvm.WAITING_LINE);
        System.out.flush();
    }

    /** Standard input, to its end; the first byte ends a spare's wait, and a spare whose parent ended ends quietly. */
    private static String readSettings(boolean spare) throws IOException {
        int first = System.in.read();
        bootstrapped = true;
        if (first < 0 && spare) {
            Runtime.getRuntime().halt(WorkerExit.NORMAL);
        }
        if (first < 0) {
            return "";
        }
        ByteArrayOutputStream settings = new ByteArrayOutputStream();
        settings.write(first);
        System.in.transferTo(settings);
        return settings.toString(StandardCharsets.UTF_8);
    }

    private static void endUnlessBootstrappedInTime() {
        Thread expiry = new Thread(() -> {
            long deadline = System.nanoTime() + SPARE_NANOS;
            while (!bootstrapped && deadline - System.nanoTime() > 0) {
                LockSupport.parkNanos(deadline - System.nanoTime());
            }
            if (!bootstrapped) {
                Runtime.getRuntime().halt(WorkerExit.NORMAL);
            }
        }, "mproc-spare-expiry");
        expiry.setDaemon(true);
        expiry.start();
    }
}
