package io.mproc.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests on two one-worker nodes in this JVM, started once per test class with the class's token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeTest {

    NodeAgent first;
    NodeAgent second;
    HazelcastJobCluster cluster;
    private LocalNodes.TwoNodes nodes;

    /** The token the nodes and the coordinator share. */
    abstract ClusterToken token();

    @BeforeAll
    void startNodes() throws Exception {
        nodes = LocalNodes.TwoNodes.start(token());
        first = nodes.first();
        second = nodes.second();
        cluster = nodes.cluster();
    }

    @AfterAll
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }
}
