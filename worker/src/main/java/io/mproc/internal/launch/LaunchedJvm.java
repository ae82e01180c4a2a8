package io.mproc.internal.launch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * One child JVM started with Commons Exec: its standard input is written once, its output lines go to a listener
 * (the last few are kept to explain a failed start), and its exit is reported once. Every thread it uses is a
 * daemon, the one that waits for the exit included: Commons Exec's asynchronous execute would wait on a non-daemon
 * thread, which keeps the parent JVM from ending, and so its shutdown hooks from cleaning up, while a child runs.
 * Thread-safe.
 */
public final class LaunchedJvm {

    /** Receives a child's output, line by line, on the thread that pumps that stream. */
    @FunctionalInterface
    public interface OutputListener {
        void line(boolean stderr, String text);
    }

    /** The exit status that says the JVM could not be started at all. */
    public static final int NOT_STARTED = -1;

    private static final int KEPT_LINES = 20;
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int MAX_SIGNAL = 64;

    private final String threadName;
    private final CompletableFuture<Process> process = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean killRequested;

    private LaunchedJvm(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Starts a JVM and returns at once; {@link #started()} says when it runs.
     *
     * @param environment the child's whole environment; null to inherit this JVM's
     * @param input       written to the child's standard input, which is then closed
     * @param threadName  names the threads that pump the child's streams and wait for it
     */
    public static LaunchedJvm start(JvmCommand command, Map<String, String> environment, byte[] input,
                                    String threadName, OutputListener output) {
        LaunchedJvm jvm = new LaunchedJvm(threadName);
        AtomicBoolean recorder = new AtomicBoolean();
        List<String> arguments = command.next(recorder);
        CommandLine line = new CommandLine(arguments.get(0));
        arguments.subList(1, arguments.size()).forEach(argument -> line.addArgument(argument, false));
        DefaultExecutor executor = DefaultExecutor.builder()
                .setThreadFactory(jvm::daemonThread)
                .setExecuteStreamHandler(new PumpStreamHandler(jvm.lines(output, false), jvm.lines(output, true),
                        new ByteArrayInputStream(input)))
                .get();
        executor.setExitValues(null);
        executor.setProcessDestroyer(jvm.new Started());
        jvm.daemonThread(() -> {
            int status = jvm.run(executor, line, environment);
            if (recorder.get()) {
                command.recorded();
            }
            jvm.exit.complete(status);
        }).start();
        return jvm;
    }

    /** Completes with the process once it runs, or exceptionally if it cannot be started. */
    public CompletableFuture<Process> started() {
        return process;
    }

    /**
     * Completes once the JVM has ended, with its exit status as the operating system gives it (128 + n when signal n
     * ended it), or {@link #NOT_STARTED}.
     */
    public CompletableFuture<Integer> exited() {
        return exit;
    }

    /** The JVM's process id; -1 until it runs. */
    public long pid() {
        Process running = process.getNow(null);
        return running == null ? -1 : running.pid();
    }

    /** Asks the JVM to end (SIGTERM); its shutdown hooks run. */
    public void terminate() {
        Process running = process.getNow(null);
        if (running != null) {
            running.destroy();
        }
    }

    /** Ends the JVM at once (SIGKILL), also if it is still being started; its exit is then reported as usual. */
    public void kill() {
        killRequested = true;
        Process running = process.getNow(null);
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /** The last lines the JVM wrote, for a message that explains why it failed. */
    public synchronized String lastLines() {
        return String.join(System.lineSeparator(), lastLines);
    }

    /** Waits a little for the threads that pumped the JVM's streams, once it has ended. */
    public void joinThreads() throws InterruptedException {
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        for (Thread thread : started) {
            thread.join(2_000);
        }
    }

    /** The signal that ended a JVM with this exit status, or 0 if none did. */
    public static int signal(int status) {
        return status > SIGNAL_EXIT_BASE && status <= SIGNAL_EXIT_BASE + MAX_SIGNAL ? status - SIGNAL_EXIT_BASE : 0;
    }

    private int run(DefaultExecutor executor, CommandLine line, Map<String, String> environment) {
        try {
            return executor.execute(line, environment);
        } catch (IOException | RuntimeException e) {
            keep("cannot start the JVM: " + e.getMessage());
            process.completeExceptionally(e);
            return NOT_STARTED;
        }
    }

    private synchronized Thread daemonThread(Runnable task) {
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    private LogOutputStream lines(OutputListener output, boolean stderr) {
        return new LogOutputStream() {
            @Override
            protected void processLine(String text, int level) {
                keep(text);
                output.line(stderr, text);
            }
        };
    }

    private synchronized void keep(String text) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.poll();
        }
        lastLines.add(text);
    }

    /** Learns the started {@link Process} from Commons Exec. */
    private final class Started implements ProcessDestroyer {
        @Override
        public boolean add(Process started) {
            process.complete(started);
            if (killRequested) {
                started.destroyForcibly();
            }
            return true;
        }

        @Override
        public boolean remove(Process finished) {
            return true;
        }

        @Override
        public int size() {
            return process.isDone() ? 1 : 0;
        }
    }
}
