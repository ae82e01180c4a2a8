package io.mproc.cluster;

import io.mproc.PoolSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Node options for tests: loopback, a port away from Hazelcast's default, a test cluster name. */
final class LocalNodes {

    /** One cluster name per test JVM, so that test runs on one machine never meet. */
    static final String NAME = "mproc-test-" + ProcessHandle.current().pid();
    private static final int BASE_PORT = 20_000 + ThreadLocalRandom.current().nextInt(200) * 100;

    private LocalNodes() {
    }

    static ClusterSettings settings(String member, ClusterToken token) {
        return new ClusterSettings(List.of(member), NAME, token, Duration.ofSeconds(15));
    }

    static NodeOptions options(int workers, List<String> join, ClusterToken token) {
        PoolSettings pool = new PoolSettings(workers, List.of(), List.of(), Map.of(), 0, Duration.ZERO, 2, 0);
        return new NodeOptions(pool, "127.0.0.1", BASE_PORT, join, NAME, token);
    }

    /** Two one-worker nodes in this JVM and a coordinator connected to them; closing stops all three. */
    record TwoNodes(NodeAgent first, NodeAgent second, HazelcastJobCluster cluster) implements AutoCloseable {

        static TwoNodes start(ClusterToken token) throws IOException, InterruptedException {
            NodeAgent first = NodeAgent.start(options(1, List.of(), token));
            try {
                NodeAgent second = NodeAgent.start(options(1, List.of(first.address()), token));
                try {
                    return new TwoNodes(first, second, HazelcastJobCluster.connect(settings(first.address(), token)));
                } catch (RuntimeException e) {
                    second.close();
                    throw e;
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                first.close();
                throw e;
            }
        }

        @Override
        public void close() {
            cluster.close();
            second.close();
            first.close();
        }
    }
}
