package io.mproc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.TaskFailedException;
import io.mproc.WorkerCrashedException;
import io.mproc.internal.wire.WireCodec;
import io.mproc.runtime.Pool;
import io.mproc.runtime.WorkerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pools whose workers two nodes in this JVM start, each worker a JVM that connects back to the pool over TCP. */
class ClusterPoolTest extends TwoNodeTest {

    private static final ClusterToken TOKEN = ClusterToken.of("a token for the tests of cluster pools");
    private static final List<Integer> INPUTS = IntStream.range(0, 500).boxed().toList();
    private static final List<Integer> SQUARES = INPUTS.stream().map(x -> x * x).toList();

    @Override
    ClusterToken token() {
        return TOKEN;
    }

    static int square(int x) {
        return x * x;
    }

    static int halt(int code) {
        Runtime.getRuntime().halt(code);
        return code;
    }

    static String shout(String text) {
        System.out.println("said " + text);
        return text.toUpperCase();
    }

    static int fail(int x) {
        throw new IllegalArgumentException("no " + x);
    }

    @Test
    void everyPoolCallWorksOnTheClustersWorkersOneWorkerPerNodeSlot() throws Exception {
        try (Pool pool = Pool.builder().cluster(cluster).build()) {
            assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();
            assertThat(pool.settings().workers()).isEqualTo(2);
            assertThat(first.hostedWorkers()).isEqualTo(1);
            assertThat(second.hostedWorkers()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.nodes())
                    .as("as the nodes publish themselves").extracting(ClusterNode::poolWorkers).containsOnly(1));

            assertThat(pool.map(ClusterPoolTest::square, INPUTS)).isEqualTo(SQUARES);
            assertThat(pool.starmap(Math::max, List.of(Map.entry(1, 5), Map.entry(7, 2)))).containsExactly(5, 7);
            List<Integer> streamed = new ArrayList<>();
            Iterator<Integer> results = pool.imap(ClusterPoolTest::square, INPUTS);
            results.forEachRemaining(streamed::add);
            assertThat(streamed).isEqualTo(SQUARES);
            assertThat(pool.submit(ClusterPoolTest::square, 12).get(30, TimeUnit.SECONDS)).isEqualTo(144);
            assertThat(pool.workers()).extracting(WorkerInfo::pid).doesNotHaveDuplicates()
                    .doesNotContain(ProcessHandle.current().pid());
        }
    }

    @Test
    void aTaskThatThrowsAndAWorkerThatDiesEndAsOnALocalPoolAndThePoolGoesOn() {
        try (Pool pool = Pool.builder().cluster(cluster).workers(2).build()) {
            assertThatThrownBy(() -> pool.map(ClusterPoolTest::fail, List.of(4)))
                    .isInstanceOfSatisfying(TaskFailedException.class, e ->
                            assertThat(e.remote().getMessage()).isEqualTo("no 4"));
            assertThatThrownBy(() -> pool.map(ClusterPoolTest::halt, List.of(3)))
                    .isInstanceOfSatisfying(WorkerCrashedException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(3);
                        assertThat(e.getMessage()).contains("System.exit(3)");
                    });
            assertThat(pool.map(ClusterPoolTest::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    @Test
    void whatAWorkerPrintsOnItsNodeReachesThePoolsOutput() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Pool pool = Pool.builder().cluster(cluster).workers(1)
                .workerOutput((worker, stderr, line) -> lines.add(worker + ":" + line)).build()) {
            assertThat(pool.map(ClusterPoolTest::shout, List.of("hello"))).containsExactly("HELLO");
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("1:said hello"));
        }
    }

    @Test
    void sharedMemoryIsRefusedSayingWhatToDoInstead() {
        try (Pool pool = Pool.builder().cluster(cluster).workers(1).build()) {
            assertThatThrownBy(() -> pool.sharedMemory().newLongValue("total", 0))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("shared memory is local to one machine");
        }
    }

    @Test
    void closingThePoolLeavesNoWorkerOnTheNodes() throws Exception {
        List<Long> pids;
        try (Pool pool = Pool.builder().cluster(cluster).workers(2).build()) {
            assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();
            pids = pool.workers().stream().map(WorkerInfo::pid).toList();
        }
        assertThat(first.hostedWorkers() + second.hostedWorkers()).isZero();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .isEmpty());
    }

    @Test
    void aNodeRefusesALaunchRequestReplayedAndOneWhoseSettingsItCannotDecrypt() {
        Messages.LaunchRequest request = new Messages.LaunchRequest("replayed-launch", "pool-test",
                "not encrypted".getBytes(StandardCharsets.UTF_8), List.of(), Map.of(), Map.of(),
                List.of());
        byte[] sealed = Sealed.seal(TOKEN, Sealed.Purpose.LAUNCH_REQUEST,
                WireCodec.MAPPER.writeValueAsBytes(request));

        assertThat(launchError(sealed)).contains("cannot read the worker's settings");
        assertThat(launchError(sealed)).contains("launch replayed-launch was made before");
        assertThat(first.hostedWorkers()).isZero();
    }

    private String launchError(byte[] sealed) {
        byte[] reply = Sealed.open(TOKEN, Sealed.Purpose.LAUNCH_REPLY,
                first.handle(NodeCall.Kind.LAUNCH, HazelcastConfigs.VERSION, sealed));
        return WireCodec.MAPPER.readValue(reply, Messages.LaunchReply.class).error();
    }
}
