package io.mproc.process;

import io.mproc.internal.wire.MethodReference;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of a child JVM started by a {@link ChildProcess}; not for direct use. Reads its
 * {@link ChildBootstrap} from standard input and runs the target with its arguments. Then, as a Python child does,
 * it waits for the non-daemon threads the target started, moves what this process buffered for unbounded queues
 * into them, flushes standard output and error, and exits: 0 when the target returned, 1 when it threw (after
 * printing the stack trace), or whatever was passed to {@code System.exit}.
 */
public final class ChildMain {

    /** The argument that makes a child a spare, started before its settings come. */
    static final String SPARE = "--spare";

    private static final boolean EXIT_ASKS_LOGGER = Runtime.version().feature() >= 21;

    private static volatile ChildBootstrap bootstrap;

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains(SPARE)) {
            prepareWhileWaiting();
        }
        ChildBootstrap bootstrap;
        try {
            bootstrap = ChildBootstrap.read(new DataInputStream(System.in));
        } catch (EOFException noSettings) {
            Runtime.getRuntime().halt(0);
            return;
        }
        ChildMain.bootstrap = bootstrap;
        if (bootstrap.daemon()) {
            ProcessHandle.of(bootstrap.parentPid()).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)),
                    () -> Runtime.getRuntime().halt(1));
        }
        ManagerLinks.register(bootstrap.address(), new RemoteLink(bootstrap.address(), bootstrap.token()));
        int exitCode = 0;
        try {
            run(bootstrap);
        } catch (Throwable failure) {
            System.err.println("Process " + bootstrap.name() + ":");
            failure.printStackTrace();
            exitCode = 1;
        }
        awaitNonDaemonThreads();
        Feeder.flushAll();
        System.out.flush();
        System.err.flush();
        System.exit(exitCode);
    }

    /**
     * Does, in a spare whose settings have not come yet, what running its target and exiting would first do: set up
     * method handles (a target that captures nothing is called through one) and, from Java 21 on, make a
     * {@link System.Logger}, which {@code System.exit} asks whether to log the exit, and whose first making looks for a
     * logger service through the whole classpath (20-30 ms at the end of every child).
     */
    private static void prepareWhileWaiting() {
        MethodReference.warmUp();
        if (EXIT_ASKS_LOGGER) {
            System.getLogger(Runtime.class.getName()).isLoggable(System.Logger.Level.DEBUG);
        }
    }

    /** Whether this JVM is a daemon child process, which may not start children of its own. */
    static boolean isDaemon() {
        ChildBootstrap started = bootstrap;
        return started != null && started.daemon();
    }

    /** This JVM as a child process knows itself; "MainProcess" in a JVM that mproc did not start. */
    static ProcessIdentity identity() {
        ChildBootstrap started = bootstrap;
        return started == null ? new ProcessIdentity("MainProcess", ProcessHandle.current().pid(), false)
                : new ProcessIdentity(started.name(), ProcessHandle.current().pid(), started.daemon());
    }

    /** The pid of the JVM that started this one; -1 in a JVM that mproc did not start. */
    static long parentPid() {
        ChildBootstrap started = bootstrap;
        return started == null ? -1 : started.parentPid();
    }

    /** Joins every other non-daemon thread, including those started meanwhile, as a JVM does before it ends. */
    private static void awaitNonDaemonThreads() throws InterruptedException {
        for (List<Thread> others = nonDaemonThreads(); !others.isEmpty(); others = nonDaemonThreads()) {
            for (Thread thread : others) {
                thread.join();
            }
        }
    }

    private static List<Thread> nonDaemonThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        while (count == threads.length) {
            threads = new Thread[threads.length * 2];
            count = root.enumerate(threads, true);
        }
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread != Thread.currentThread() && !thread.isDaemon() && thread.isAlive()) {
                others.add(thread);
            }
        }
        return others;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void run(ChildBootstrap bootstrap) throws Throwable {
        Object[] arguments = new Object[bootstrap.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = Messages.fromBytes(bootstrap.arguments().get(i));
        }
        if (bootstrap.reference().length > 0) {
            MethodReference.decode(bootstrap.reference()).resolve(Thread.currentThread().getContextClassLoader())
                    .invokeWithArguments(arguments);
            return;
        }
        Object target;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bootstrap.target()))) {
            target = in.readObject();
        }
        if (target instanceof ProcessTarget run) {
            run.run();
        } else if (target instanceof ProcessTarget1 run) {
            run.run(arguments[0]);
        } else if (target instanceof ProcessTarget2 run) {
            run.run(arguments[0], arguments[1]);
        } else {
            ((ProcessTarget3) target).run(arguments[0], arguments[1], arguments[2]);
        }
    }
}
