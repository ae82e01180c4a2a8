package io.mproc.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} running in a JVM of its own, on this JVM's class path, for tests that need a second
 * process. Every wait has a timeout and fails with everything the child printed; the child's standard output is
 * read line by line as it comes, its standard error is kept for failure messages. {@link #close()} kills a child
 * that is still running. Thread-safe.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        startReader(process.getInputStream(), true);
        startReader(process.getErrorStream(), false);
    }

    /** Starts {@code mainClass} with the serial collector and a 64 MB heap. */
    public static ChildJvm start(Class<?> mainClass, String... arguments) {
        return start(List.of(), mainClass, arguments);
    }

    /** Starts {@code mainClass} with the serial collector, a 64 MB heap and exactly these further options. */
    public static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx64m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        return start(command);
    }

    /** Starts a whole command line, such as {@code java} with another class path. */
    public static ChildJvm start(List<String> command) {
        try {
            return new ChildJvm(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** This runtime's {@code java} launcher. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the next line of standard output, which must start with {@code prefix}, and returns it. */
    public String awaitLine(String prefix, Duration timeout) {
        String line = nextLine(timeout);
        if (line == null || !line.startsWith(prefix)) {
            fail("expected a line starting with '%s' from child %d within %d ms but got %s; %s", prefix,
                    process.pid(), timeout.toMillis(), line == null ? "nothing" : "'" + line + "'", describe());
        }
        return line;
    }

    /** Waits for a line starting with {@code prefix}; returns the lines before it, in order. */
    public List<String> awaitLinesUntil(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> before = new ArrayList<>();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (line == null) {
                fail("expected a line starting with '%s' from child %d within %d ms; %s", prefix, process.pid(),
                        timeout.toMillis(), describe());
            }
            if (line.startsWith(prefix)) {
                return before;
            }
            before.add(line);
        }
    }

    /** Everything the child printed so far, standard output and error. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Fails, with what the child printed, if the child has exited. */
    public void assertAlive() {
        if (!process.isAlive()) {
            fail("child %d exited early; %s", process.pid(), describe());
        }
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Waits up to 30 seconds for the child to exit; returns its exit status. */
    public int awaitExit() {
        return awaitExit(EXIT_TIMEOUT);
    }

    /** Waits up to the timeout for the child to exit, failing with its output if it does not; its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("child %d did not exit within %d ms; %s", process.pid(), timeout.toMillis(), describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for child " + process.pid() + " to exit", e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private String nextLine(Duration timeout) {
        try {
            return lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a line from child " + process.pid(), e);
        }
    }

    private String describe() {
        synchronized (output) {
            return (process.isAlive() ? "it is running" : "it exited with " + process.exitValue())
                    + "; its output was: " + output;
        }
    }

    private void startReader(InputStream stream, boolean protocol) {
        Thread reader = new Thread(() -> read(stream, protocol),
                "child-" + process.pid() + (protocol ? "-stdout" : "-stderr"));
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream stream, boolean protocol) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                if (protocol) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("unreadable: " + e);
            }
        }
    }
}
