package io.mproc.internal.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about operating-system processes by pid. Stateless; thread-safe. */
public final class Processes {

    /** This JVM's pid. */
    public static final long SELF = ProcessHandle.current().pid();

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

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
