package io.mproc.process;

import io.mproc.MprocException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Signals that Java's {@link Process} cannot send, sent with the operating system's {@code kill}. */
final class Signals {

    private static final long KILL_TIMEOUT_SECONDS = 10;

    private Signals() {
    }

    /** Sends SIGINT to the process. */
    static void interrupt(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new MprocException("kill -INT " + pid + " did not finish in " + KILL_TIMEOUT_SECONDS + " s");
            }
        } catch (IOException e) {
            throw new MprocException("cannot send SIGINT to process " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MprocException("interrupted while sending SIGINT to process " + pid, e);
        }
    }
}
