package io.mproc.process;

import io.mproc.MprocException;
import io.mproc.internal.launch.LaunchedJvm;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code multiprocessing.Process}: a target run with its arguments in a child JVM of its own, made by
 * {@link MprocContext#process}. Name it and mark it a daemon before {@link #start()}; then {@link #join()} it,
 * or {@link #terminate()} or {@link #kill()} it. Its standard output and error lines are forwarded to this JVM's,
 * prefixed with its name unless the context says otherwise. Thread-safe.
 */
public final class ChildProcess {

    private final MprocContext context;
    private final Object target;
    private final List<Object> arguments;
    private volatile String name;
    private volatile boolean daemon;
    private volatile LaunchedJvm jvm;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean closed;
    /** Lets go of the connections sent to the child that it did not attach before it ended. */
    private volatile Runnable giveBackTransfers = () -> { };

    ChildProcess(MprocContext context, String name, Object target, List<Object> arguments) {
        this.context = context;
        this.name = name;
        this.target = target;
        this.arguments = arguments;
    }

    /** Names the process (Python's {@code name}); only before {@link #start()}. */
    public synchronized ChildProcess name(String newName) {
        requireNotStarted();
        this.name = newName;
        return this;
    }

    /**
     * Marks the process a daemon (Python's {@code daemon}): it ends when this JVM ends, even if this JVM is killed;
     * a JVM that exits normally waits for its other children first. Only before {@link #start()}.
     */
    public synchronized ChildProcess daemon(boolean isDaemon) {
        requireNotStarted();
        this.daemon = isDaemon;
        return this;
    }

    public String name() {
        return name;
    }

    /**
     * The process this code runs in (Python's {@code current_process()}): inside a child, its name, pid and daemon
     * flag; in a JVM that mproc did not start, {@code "MainProcess"}.
     */
    public static ProcessIdentity current() {
        return ChildMain.identity();
    }

    /**
     * The process that started this one (Python's {@code parent_process()}), for its pid and
     * {@link ProcessHandle#isAlive() liveness}; empty in a JVM that mproc did not start, or once the parent has ended
     * and its pid is gone.
     */
    public static Optional<ProcessHandle> parent() {
        long pid = ChildMain.parentPid();
        return pid < 0 ? Optional.empty() : ProcessHandle.of(pid);
    }

    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Starts the child JVM and returns once it is running (its target may not have begun yet).
     *
     * @throws io.mproc.NotTransferableException if the target or an argument cannot be sent to another JVM
     * @throws IllegalStateException             if the process was started already, its context is closed, or this
     *                                           JVM is itself a daemon process (which would orphan its children
     *                                           when it ends, so it may have none, as in Python)
     * @throws IllegalArgumentException          if one more child JVM cannot fit in the memory available (a
     *                                           runaway loop of starts, or a heap too large); nothing starts then
     */
    public synchronized ChildProcess start() {
        requireOpen();
        requireNotStarted();
        if (ChildMain.isDaemon()) {
            throw new IllegalStateException("cannot start " + this + ": daemonic processes are not allowed to have"
                    + " children (a daemon is halted when its parent ends, and would leave them orphaned)");
        }
        byte[] bootstrap;
        try (Connection.Transfers transfers = Connection.Transfers.begin()) {
            bootstrap = context.bootstrap(this, target, arguments);
            context.adopt(this);
            giveBackTransfers = transfers.commit();
        }
        started = true;
        launch(bootstrap);
        try {
            jvm.started().join();
        } catch (CompletionException e) {
            throw new MprocException("cannot start " + this + ": " + e.getCause().getMessage(), e.getCause());
        }
        return this;
    }

    /**
     * Waits until the process ends.
     *
     * @throws IllegalStateException if the process was never started, or if this thread is interrupted while it
     *                               waits (its interrupt flag stays set)
     */
    public void join() {
        join(null);
    }

    /**
     * Waits up to the timeout for the process to end; returns whether it has. A null timeout waits as long as it
     * takes; a negative one does not wait.
     *
     * @throws IllegalStateException if the process was never started, or if this thread is interrupted while it
     *                               waits (its interrupt flag stays set)
     */
    public boolean join(Duration timeout) {
        requireOpen();
        if (!started) {
            throw new IllegalStateException("cannot join " + this + ": it was never started; call start() first");
        }
        try {
            long nanos = Blocking.nanos(timeout);
            if (nanos == Blocking.FOREVER) {
                exit.get();
            } else {
                exit.get(nanos, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            throw Blocking.interrupted(this + " to end");
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Whether the process has started and not yet ended. */
    public boolean isAlive() {
        LaunchedJvm running = jvm;
        return running != null && running.started().isDone() && !exit.isDone();
    }

    /**
     * The exit code once the process has ended, as in Python: 0 when the target returned, 1 when it threw, the
     * status passed to {@code System.exit}, or minus the signal number when a signal ended it (an exit status of
     * 128 + n is read as signal n, which is how a JVM reports one).
     */
    public OptionalInt exitCode() {
        Integer code = exit.getNow(null);
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** The child's process id; -1 before {@link #start()}. */
    public long pid() {
        requireOpen();
        LaunchedJvm running = jvm;
        return running == null ? -1 : running.pid();
    }

    /** Asks the process to end (SIGTERM); its shutdown hooks run. */
    public void terminate() {
        LaunchedJvm running = jvm;
        if (running != null) {
            running.terminate();
        }
    }

    /**
     * Interrupts the process (SIGINT, Python 3.14's {@code interrupt()}): its shutdown hooks run and it ends with
     * exit code -2, unless its code handles the signal. Nothing happens to a process that has ended.
     *
     * @throws IllegalStateException if the process was never started
     */
    public void interrupt() {
        requireOpen();
        long pid = pid();
        if (pid < 0) {
            throw new IllegalStateException("cannot interrupt " + this + ": it was never started; call start() first");
        }
        if (isAlive()) {
            Signals.interrupt(pid);
        }
    }

    /**
     * Completes with the exit code once the process ends, as {@link #exitCode()} reads it (Python's
     * {@code sentinel}, as a future): for waiting on several processes at once, or reacting to an end.
     */
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /**
     * Lets go of the handle's resources (Python's {@code close()}); afterwards every method but {@link #name()},
     * {@link #isDaemon()}, {@link #exitCode()} and {@code close} throws {@link IllegalStateException}. Idempotent.
     *
     * @throws IllegalStateException if the process is still running: join, terminate or kill it first
     */
    public void close() {
        if (started && exit.getNow(null) == null) {
            throw new IllegalStateException("cannot close " + this + " while it runs: join, terminate or kill it"
                    + " first");
        }
        closed = true;
        context.forget(this);
    }

    /** Ends the process at once (SIGKILL). */
    public void kill() {
        LaunchedJvm running = jvm;
        if (running != null) {
            running.kill();
        }
    }

    /**
     * Waits up to the timeout for the process to end, as {@link #join(Duration)} does, but goes on waiting if the
     * thread is interrupted (its interrupt flag is set again before this returns): for closing, which must finish.
     */
    boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    exit.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    return true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits, even if interrupted, for a process that was killed to end; a killed process ends promptly. */
    void awaitKilled() {
        exit.join();
    }

    @Override
    public String toString() {
        LaunchedJvm running = jvm;
        long pid = running == null ? -1 : running.pid();
        return "ChildProcess[" + name + (pid > 0 ? ", pid " + pid : "") + "]";
    }

    private void launch(byte[] bootstrap) {
        jvm = context.launch(bootstrap, "mproc-process-" + name, (stderr, text) -> context.forward(name, stderr, text));
        jvm.exited().thenAccept(status -> {
            giveBackTransfers.run();
            exit.complete(pythonExitCode(status));
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed: its handle was released by close()");
        }
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException(this + " was started already; a process starts once");
        }
    }

    private static int pythonExitCode(int status) {
        int signal = LaunchedJvm.signal(status);
        return signal == 0 ? status : -signal;
    }
}
