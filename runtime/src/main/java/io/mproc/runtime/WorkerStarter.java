package io.mproc.runtime;

import io.mproc.internal.launch.JvmCommand;
import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.internal.wire.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Starts a pool's workers, on this machine or through {@link WorkerHosts}; called on the coordinator thread. */
interface WorkerStarter {

    /** Starts worker {@code id} in the background. */
    LaunchedWorker start(int id, Bootstrap bootstrap);

    /** Where workers start, for an error message when they fail to. */
    String describe();

    /** Child JVMs of this one, whose bootstrap settings go to their standard input. */
    static WorkerStarter local(JvmCommand command, Map<String, String> environment, WorkerOutput output) {
        return new WorkerStarter() {
            @Override
            public LaunchedWorker start(int id, Bootstrap bootstrap) {
                byte[] input = bootstrap.encode().getBytes(StandardCharsets.UTF_8);
                return new LocalWorker(LaunchedJvm.start(command, environment, input, "mproc-worker-" + id + "-io",
                        (stderr, text) -> output.line(id, stderr, text)));
            }

            @Override
            public String describe() {
                return "Command: " + command;
            }
        };
    }

    /** Workers on {@code hosts}, each started from {@code template} with its own id and bootstrap. */
    static WorkerStarter hosted(WorkerHosts hosts, WorkerLaunch template) {
        return new WorkerStarter() {
            @Override
            public LaunchedWorker start(int id, Bootstrap bootstrap) {
                return hosts.launch(new WorkerLaunch(id, bootstrap.encode(), template.jvmOptions(),
                        template.systemProperties(), template.environment(), template.classpath(),
                        template.output()));
            }

            @Override
            public String describe() {
                return "Hosts: " + hosts;
            }
        };
    }

    /** A child JVM of this one. */
    record LocalWorker(LaunchedJvm jvm) implements LaunchedWorker {

        @Override
        public CompletableFuture<Integer> exited() {
            return jvm.exited();
        }

        @Override
        public void kill() {
            jvm.kill();
        }

        @Override
        public String lastLines() {
            return jvm.lastLines();
        }

        @Override
        public void awaitOutput() throws InterruptedException {
            jvm.joinThreads();
        }
    }
}
