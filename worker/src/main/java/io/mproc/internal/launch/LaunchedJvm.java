package io.mproc.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * One child JVM started with Commons Exec: its standard input is written once, at its start or later (a spare JVM
 * starts first and then waits for it), its output lines go to a listener (the last few are kept to explain a
 * failed start), and its exit is reported once. Every thread it uses is a daemon, the one that waits for the exit
 * included: Commons Exec's asynchronous execute would wait on a non-daemon thread, which keeps the parent JVM from
 * ending, and so its shutdown hooks from cleaning up, while a child runs.
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
    /** The line a child prints once it has started and waits for its input; not passed to the listener. */
    public static final String WAITING_LINE = "mproc: started, waiting for input";

    private static final int KEPT_LINES = 20;
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int MAX_SIGNAL = 64;

    private final String threadName;
    private final CompletableFuture<Process> process = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CompletableFuture<byte[]> input = new CompletableFuture<>();
    private final CompletableFuture<Void> waiting = new CompletableFuture<>();
    private volatile OutputListener output;
    private volatile boolean killRequested;
    private volatile boolean recording;

    private LaunchedJvm(String threadName, OutputListener output) {
        this.threadName = threadName;
        this.output = output;
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
        LaunchedJvm jvm = startWaiting(command, environment, threadName, output);
        jvm.supply(input);
        return jvm;
    }

    /**
     * Starts a JVM whose standard input comes later, from {@link #supply}; until then the child can start, and
     * {@link #waiting()} says when it has.
     */
    public static LaunchedJvm startWaiting(JvmCommand command, Map<String, String> environment, String threadName,
                                           OutputListener output) {
        return startWaiting(command, environment, threadName, output, List.of());
    }

    /** As {@link #startWaiting(JvmCommand, Map, String, OutputListener)}, with arguments for the main class. */
    public static LaunchedJvm startWaiting(JvmCommand command, Map<String, String> environment, String threadName,
                                           OutputListener output, List<String> mainArguments) {
        LaunchedJvm jvm = new LaunchedJvm(threadName, output);
        AtomicBoolean recorder = new AtomicBoolean();
        List<String> arguments = new ArrayList<>(command.next(recorder));
        arguments.addAll(mainArguments);
        CommandLine line = new CommandLine(arguments.get(0));
        arguments.subList(1, arguments.size()).forEach(argument -> line.addArgument(argument, false));
        DefaultExecutor executor = DefaultExecutor.builder()
                .setThreadFactory(jvm::daemonThread)
                .setExecuteStreamHandler(new PumpStreamHandler(jvm.lines(false), jvm.lines(true),
                        jvm.new DeferredInput()))
                .get();
        executor.setExitValues(null);
        executor.setProcessDestroyer(jvm.new Started());
        jvm.recording = recorder.get();
        jvm.daemonThread(() -> {
            int status = jvm.run(executor, line, environment);
            if (recorder.get()) {
                command.recorded(status);
            }
            jvm.exit.complete(status);
        }).start();
        return jvm;
    }

    /** Writes {@code bytes} to the child's standard input, then closes it; only the first call counts. */
    public void supply(byte[] bytes) {
        input.complete(bytes);
    }

    /** Sends the child's output lines to {@code listener} from now on. */
    public void outputTo(OutputListener listener) {
        this.output = listener;
    }

    /** Completes once the child printed {@link #WAITING_LINE}. */
    public CompletableFuture<Void> waiting() {
        return waiting;
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
        input.complete(new byte[0]);
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

    private LogOutputStream lines(boolean stderr) {
        return new LogOutputStream() {
            @Override
            protected void processLine(String text, int level) {
                if (!stderr && WAITING_LINE.equals(text)) {
                    waiting.complete(null);
                    return;
                }
                if (!stderr && recording && ClassDataSharing.isRecordingNotice(text)) {
                    return;
                }
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

    /** The child's standard input: blocks until {@link #supply} or {@link #kill}, then gives those bytes. */
    private final class DeferredInput extends InputStream {

        private int position;

        @Override
        public int read() {
            byte[] bytes = await();
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            byte[] bytes = await();
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            return count;
        }

        private byte[] await() {
            try {
                return input.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new byte[0];
            } catch (ExecutionException e) {
                return new byte[0];
            }
        }
    }

    /** Learns the started {@link Process} from Commons Exec. */
    private final class Started implements ProcessDestroyer {
        @Override
        public boolean add(Process started) {
            process.complete(started);
            started.onExit().thenRun(() -> input.complete(new byte[0]));
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
