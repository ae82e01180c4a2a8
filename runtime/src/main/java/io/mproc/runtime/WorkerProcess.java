package io.mproc.runtime;

import io.mproc.internal.wire.Bootstrap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * One worker JVM, started with Commons Exec. Its bootstrap settings go to its standard input; its output lines go
 * to the pool's {@link WorkerOutput}, and the last few are kept to explain a failed start. The exit is reported
 * once, on a daemon thread of this worker's own that waits for it: Commons Exec's asynchronous execute would make
 * its waiting thread a non-daemon one, which keeps the application's JVM alive, so its shutdown hook never closes
 * the pool.
 */
final class WorkerProcess implements ProcessDestroyer {

    private static final int KEPT_LINES = 20;

    final int id;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final Thread[] threads = new Thread[4];
    private int threadCount;
    private volatile Process process;
    private volatile boolean killRequested;

    private WorkerProcess(int id) {
        this.id = id;
    }

    static WorkerProcess start(int id, List<String> command, Map<String, String> environment, Bootstrap bootstrap,
                               WorkerOutput output, Consumer<Integer> onExit) {
        WorkerProcess worker = new WorkerProcess(id);
        CommandLine line = new CommandLine(command.get(0));
        command.subList(1, command.size()).forEach(argument -> line.addArgument(argument, false));
        DefaultExecutor executor = DefaultExecutor.builder()
                .setThreadFactory(worker.threadFactory())
                .setExecuteStreamHandler(new PumpStreamHandler(worker.lines(output, false), worker.lines(output, true),
                        new ByteArrayInputStream(bootstrap.encode().getBytes(StandardCharsets.UTF_8))))
                .get();
        executor.setExitValues(null);
        executor.setProcessDestroyer(worker);
        worker.threadFactory().newThread(() -> worker.run(executor, line, environment, onExit)).start();
        return worker;
    }

    private void run(DefaultExecutor executor, CommandLine line, Map<String, String> environment,
                     Consumer<Integer> onExit) {
        int exitCode;
        try {
            exitCode = executor.execute(line, environment);
        } catch (ExecuteException e) {
            keep("cannot start the worker JVM: " + e.getMessage());
            exitCode = e.getExitValue();
        } catch (IOException | RuntimeException e) {
            keep("cannot start the worker JVM: " + e);
            exitCode = -1;
        }
        onExit.accept(exitCode);
    }

    /** Ends the JVM at once (SIGKILL); its exit is then reported as usual. */
    void kill() {
        killRequested = true;
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    synchronized String lastLines() {
        return String.join(System.lineSeparator(), lastLines);
    }

    /** Waits for the threads Commons Exec used for this worker, once its exit has been reported. */
    void joinThreads() throws InterruptedException {
        Thread[] started;
        synchronized (this) {
            started = Arrays.copyOf(threads, threadCount);
        }
        for (Thread thread : started) {
            thread.join(2_000);
        }
    }

    @Override
    public boolean add(Process started) {
        process = started;
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
        return process == null ? 0 : 1;
    }

    private ThreadFactory threadFactory() {
        return task -> {
            Thread thread = new Thread(task, "mproc-worker-" + id + "-io");
            thread.setDaemon(true);
            synchronized (this) {
                if (threadCount < threads.length) {
                    threads[threadCount++] = thread;
                }
            }
            return thread;
        };
    }

    private LogOutputStream lines(WorkerOutput output, boolean stderr) {
        return new LogOutputStream() {
            @Override
            protected void processLine(String text, int level) {
                keep(text);
                output.line(id, stderr, text);
            }
        };
    }

    private synchronized void keep(String text) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.poll();
        }
        lastLines.add(text);
    }
}
