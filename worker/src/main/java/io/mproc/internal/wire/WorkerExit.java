package io.mproc.internal.wire;

import io.mproc.internal.launch.LaunchedJvm;

/** Exit codes a worker JVM uses for its own reasons to stop, and what each one tells the coordinator. */
public final class WorkerExit {

    public static final int NORMAL = 0;
    public static final int INTERNAL_ERROR = 70;
    public static final int CONNECTION_LOST = 71;
    public static final int COORDINATOR_GONE = 72;
    public static final int OUT_OF_MEMORY = 73;
    public static final int TASK_TIMEOUT = 74;
    public static final int INITIALIZER_FAILED = 75;
    public static final int BAD_BOOTSTRAP = 76;
    /** Not a worker's own code: the cluster node that ran the worker left the cluster or cannot be reached. */
    public static final int NODE_GONE = 77;

    private static final int SIGNAL_BASE = 128;

    private WorkerExit() {
    }

    /** A short explanation of an exit code, with the likely cause. */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case NORMAL -> "the worker exited normally while a task was in flight";
            case INTERNAL_ERROR -> "an internal error in the worker; see its log lines";
            case CONNECTION_LOST -> "the worker lost its connection to the coordinator";
            case COORDINATOR_GONE -> "the worker saw its coordinator go away";
            case OUT_OF_MEMORY -> "OutOfMemoryError: the worker heap is too small for the task; raise -Xmx in the"
                    + " pool's jvmOptions";
            case TASK_TIMEOUT -> "a task ran past the task timeout";
            case INITIALIZER_FAILED -> "the worker initializer threw";
            case BAD_BOOTSTRAP -> "the worker could not read its bootstrap settings";
            case NODE_GONE -> "the cluster node that ran the worker is gone";
            case SIGNAL_BASE + 9 -> "killed by SIGKILL: kill -9, or the operating system's out-of-memory killer";
            case SIGNAL_BASE + 15 -> "terminated by SIGTERM";
            case SIGNAL_BASE + 6 -> "aborted by SIGABRT, usually a JVM crash: look for an hs_err_pid file";
            case SIGNAL_BASE + 11 -> "segmentation fault, usually in native code";
            default -> LaunchedJvm.signal(exitCode) != 0 ? "ended by signal " + LaunchedJvm.signal(exitCode)
                    : "the task or the JVM called System.exit(" + exitCode + ")";
        };
    }
}
