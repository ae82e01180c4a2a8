package io.mproc.internal.os;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Facts about operating-system processes by pid. Stateless; thread-safe. */
public final class Processes {

    /** This JVM's pid. */
    public static final long SELF = ProcessHandle.current().pid();
    /** coreutils' {@code env}, which can start a program with signals set back to their default. */
    public static final String ENV = "/usr/bin/env";
    /** The {@code env} option that gives a program the default SIGINT disposition. */
    public static final String DEFAULT_INTERRUPT = "--default-signal=INT";

    private static final int SIGINT = 2;

    private Processes() {
    }

    /**
     * Whether the process runs: it exists and has not ended. A process that ended but that its parent has not yet
     * reaped (a zombie, which {@link ProcessHandle#isAlive} still counts) is not alive.
     */
    public static boolean isAlive(long pid) {
        if (pid == SELF) {
            return true;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    /** Whether this process ignores SIGINT, which the processes it starts then inherit. */
    public static boolean ignoresInterrupt() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16)
                            & 1L << (SIGINT - 1)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Whether {@link #ENV} takes {@link #DEFAULT_INTERRUPT} (coreutils 8.31 and later). */
    public static boolean canResetInterrupt() {
        try {
            Process probe = new ProcessBuilder(ENV, DEFAULT_INTERRUPT, "true").redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
