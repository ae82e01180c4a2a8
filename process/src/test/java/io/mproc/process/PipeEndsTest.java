package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each process's handles on a pipe's ends are its own, as in Python; end of stream comes when all are gone. */
class PipeEndsTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void closingTheChildsEndInTheParentRightAfterStartLeavesItOpenForTheChild() {
        Pipe pipe = context.pipe();
        ChildProcess child = context.process(PipeEndsTest::reply, pipe.second()).start();
        pipe.second().close();
        assertThat((String) pipe.first().recv()).isEqualTo("reply from the child");
        assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EndOfStreamException.class);
        assertThat(child.join(LONG_ENOUGH)).isTrue();
        assertThat(child.exitCode()).hasValue(0);
    }

    @Test
    void recvEndsOnceEveryProcessHoldingTheOtherEndClosedItWhileTheyStillRun() {
        Pipe pipe = context.pipe();
        SharedEvent done = context.event();
        ChildProcess child = context.process(PipeEndsTest::sayByeCloseAndWait, pipe.second(), done).start();
        pipe.second().close();
        assertThat((String) pipe.first().recv()).isEqualTo("bye");
        long start = System.nanoTime();
        assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EndOfStreamException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(child.isAlive()).isTrue();
        done.set();
        assertThat(child.join(LONG_ENOUGH)).isTrue();
    }

    @Test
    void aConnectionSentThroughAQueueStaysOpenForItsReceiverAfterTheSenderClosesItsHandle() {
        Pipe pipe = context.pipe();
        SharedQueue<Connection> handOver = context.queue();
        ChildProcess child = context.process(PipeEndsTest::replyOnReceivedConnection, handOver).start();
        handOver.put(pipe.second());
        pipe.second().close();
        assertThat((String) pipe.first().recv()).isEqualTo("reply from the child");
        assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EndOfStreamException.class);
        assertThat(child.join(LONG_ENOUGH)).isTrue();
    }

    @Test
    void sendFailsOnceEveryHandleOnTheReceivingEndIsClosed() {
        Pipe pipe = context.pipe(true, 64);
        pipe.first().close();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                pipe.second().send(i);
            }
        }).isInstanceOf(EndOfStreamException.class);
    }

    @Test
    @Timeout(10)
    void pollWithANegativeTimeoutReturnsAtOnce() {
        Pipe pipe = context.pipe();
        assertThat(pipe.first().poll(Duration.ofSeconds(-1))).isFalse();
        pipe.second().send("x");
        assertThat(pipe.first().poll(Duration.ofSeconds(-1))).isTrue();
    }

    @Test
    @Timeout(10)
    void queueWaitsWithANegativeTimeoutDoNotWait() {
        SharedQueue<Integer> queue = context.queue(1);
        assertThatThrownBy(() -> queue.get(Duration.ofSeconds(-1))).isInstanceOf(QueueEmptyException.class);
        queue.put(1);
        assertThatThrownBy(() -> queue.put(2, Duration.ofSeconds(-1))).isInstanceOf(QueueFullException.class);
    }

    @Test
    @Timeout(30)
    void aChildKilledRightAfterStartLetsGoOfTheEndItWasSentEvenIfItNeverAttachedIt() {
        Pipe pipe = context.pipe();
        ChildProcess child = context.process(PipeEndsTest::reply, pipe.second()).start();
        pipe.second().close();
        child.kill();
        assertThat(child.join(LONG_ENOUGH)).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            while (true) {
                pipe.first().recv();
            }
        }).isInstanceOf(EndOfStreamException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Timeout(10)
    void recvGivesUpWhenItsThreadIsInterruptedAndKeepsTheInterrupt() {
        Pipe pipe = context.pipe();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static void reply(Connection connection) {
        connection.send("reply from the child");
        connection.close();
    }

    private static void sayByeCloseAndWait(Connection connection, SharedEvent done) {
        connection.send("bye");
        connection.close();
        done.await(LONG_ENOUGH);
    }

    private static void replyOnReceivedConnection(SharedQueue<Connection> handOver) {
        reply(handOver.get());
    }
}
