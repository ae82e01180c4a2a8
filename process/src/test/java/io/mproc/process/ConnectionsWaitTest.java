package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Python's {@code multiprocessing.connection.wait}: the ready subset of connections, queues and processes. */
class ConnectionsWaitTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void waitReturnsTheConnectionAChildSentOnAndNotTheQuietOnes() {
        Pipe quiet = context.pipe();
        Pipe talking = context.pipe();
        SharedQueue<String> empty = context.queue();
        SharedEvent go = context.event();
        ChildProcess child = context.process(ConnectionsWaitTest::sendWhenTold, talking.second(), go).start();
        assertThat(Connections.wait(List.of(quiet.first(), talking.first(), empty, child), Duration.ZERO)).isEmpty();
        go.set();
        assertThat(Connections.wait(List.of(quiet.first(), talking.first(), empty), LONG_ENOUGH))
                .containsExactly(talking.first());
        assertThat((String) talking.first().recv()).isEqualTo("hello");
    }

    @Test
    void aProcessIsReadyOnceItHasEndedAndAQueueOnceItHoldsAnItem() {
        ChildProcess child = context.process(ConnectionsWaitTest::returnAtOnce).start();
        assertThat(Connections.wait(List.of(child), LONG_ENOUGH)).containsExactly(child);
        SharedQueue<Integer> queue = context.queue();
        queue.put(1);
        assertThat(Connections.wait(List.of(queue, child), Duration.ZERO)).containsExactly(queue, child);
    }

    @Test
    void nothingReadyWithinTheTimeoutGivesAnEmptyListAndAnUnknownObjectIsRefused() {
        Pipe pipe = context.pipe();
        assertThat(Connections.wait(List.of(pipe.first()), Duration.ofMillis(50))).isEmpty();
        assertThatThrownBy(() -> Connections.wait(List.of("not waitable"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
    }

    private static void sendWhenTold(Connection connection, SharedEvent go) {
        go.await();
        connection.send("hello");
    }

    private static void returnAtOnce() {
    }
}
