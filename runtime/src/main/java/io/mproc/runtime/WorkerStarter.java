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

    /** Workers started ahead, waiting for this starter's pool to take them. */
    default int waiting() {
        return 0;
    }

    /**
     * Child JVMs of this one, whose bootstrap settings go to their standard input: {@link WorkerSpares} started for
     * this command where there are some, else new ones.
     */
    static WorkerStarter local(JvmCommand command, Map<String, String> environment, WorkerOutput output) {
        return new WorkerStarter() {
            @Override
            public LaunchedWorker start(int id, Bootstrap bootstrap) {
                byte[] input = bootstrap.encode().getBytes(StandardCharsets.UTF_8);
                LaunchedJvm.OutputListener lines = (stderr, text) -> output.line(id, stderr, text);
                LaunchedJvm spare = WorkerSpares.take(command, environment);
                if (spare == null) {
                    return new LocalWorker(LaunchedJvm.start(command, environment, input, "mproc-worker-" + id + "-io",
                            lines));
                }
                spare.outputTo(lines);
                spare.supply(input);
                return new LocalWorker(spare);
            }

            @Override
            public String describe() {
                return "Command: " + command;
            }

            @Override
            public int waiting() {
                return WorkerSpares.waiting(command, environment);
            }
        };
    }

    /** Workers on {@code hosts}, each launched as {@code pool} says, with its own id and bootstrap. */
    static WorkerStarter hosted(WorkerHosts hosts, WorkerLaunch pool) {
        return new WorkerStarter() {
            @Override
            public LaunchedWorker start(int id, Bootstrap bootstrap) {
                return hosts.launch(pool.forWorker(id, bootstrap.encode()));
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
