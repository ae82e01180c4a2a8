package io.mproc.runtime;

import io.mproc.internal.launch.JvmCommand;
import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.internal.wire.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One worker JVM of a pool: its id, and the JVM, whose bootstrap settings went to its standard input. */
record WorkerProcess(int id, LaunchedJvm jvm) {

    static WorkerProcess start(int id, JvmCommand command, Map<String, String> environment, Bootstrap bootstrap,
                               WorkerOutput output) {
        byte[] input = bootstrap.encode().getBytes(StandardCharsets.UTF_8);
        return new WorkerProcess(id, LaunchedJvm.start(command, environment, input, "mproc-worker-" + id + "-io",
                (stderr, text) -> output.line(id, stderr, text)));
    }

    /** Ends the JVM at once (SIGKILL); its exit is then reported as usual. */
    void kill() {
        jvm.kill();
    }
}
