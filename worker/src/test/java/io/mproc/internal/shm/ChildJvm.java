package io.mproc.internal.shm;

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
 * A {@link SegmentChild} running in its own JVM on this JVM's class path. The tests wait for the lines it prints on
 * standard output at each step; what it prints on standard error only shows in failure messages. It exits on its
 * own when its standard input closes, so it cannot outlive this JVM.
 */
final class ChildJvm implements AutoCloseable {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        startReader(process.getInputStream(), true);
        startReader(process.getErrorStream(), false);
    }

    static ChildJvm start(String... arguments) {
        return startWith(List.of(SharedSegment.REQUIRED_JVM_OPTION), arguments);
    }

    static ChildJvm startWith(List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SegmentChild.class.getName()));
        command.addAll(List.of(arguments));
        try {
            return new ChildJvm(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM", e);
        }
    }

    Process process() {
        return process;
    }

    /** Waits for the next line, which must start with {@code prefix}, and returns it. */
    String awaitLine(String prefix, Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for '" + prefix + "' from child " + process.pid(), e);
        }
        if (line == null || !line.startsWith(prefix)) {
            fail("expected a line starting with '%s' from child %d within %d ms but got %s; %s", prefix,
                    process.pid(), timeout.toMillis(), line == null ? "nothing" : "'" + line + "'", describe());
        }
        return line;
    }

    /** Everything the child printed so far, standard output and error. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Fails, with what the child printed, if the child has exited. */
    void assertAlive() {
        if (!process.isAlive()) {
            fail("child %d exited early; %s", process.pid(), describe());
        }
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    int awaitExit() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("child %d did not exit within %d ms; %s", process.pid(), EXIT_TIMEOUT.toMillis(), describe());
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
