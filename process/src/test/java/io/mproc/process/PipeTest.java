package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipeTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void recvOnAPipeWhosePeerWasKilledRaisesEndOfStreamWithinASecond() {
        Pipe pipe = context.pipe();
        ChildProcess peer = context.process(PipeTest::helloThenSleep, pipe.second()).start();
        pipe.second().close();
        assertThat((String) pipe.first().recv()).isEqualTo("hello");
        peer.kill();
        long start = System.nanoTime();
        assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EndOfStreamException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void recvAfterTheOtherEndClosedGetsWhatWasSentThenEndOfStream() {
        Pipe pipe = context.pipe();
        pipe.second().send("last");
        pipe.second().sendBytes(new byte[] {1, 2});
        pipe.second().close();
        assertThat(pipe.first().poll(Duration.ofSeconds(1))).isTrue();
        assertThat((String) pipe.first().recv()).isEqualTo("last");
        assertThat(pipe.first().recvBytes()).containsExactly(1, 2);
        assertThatThrownBy(() -> pipe.first().recv()).isInstanceOf(EndOfStreamException.class);
        assertThatThrownBy(() -> pipe.second().send("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChildEchoesOverADuplexPipe() {
        Pipe pipe = context.pipe();
        context.process(PipeTest::echo, pipe.second()).start();
        for (int i = 0; i < 100; i++) {
            pipe.first().send(i);
            assertThat((Integer) pipe.first().recv()).isEqualTo(i);
        }
        pipe.first().close();
    }

    @Test
    void aOneWayPipeSendsOnlyFromSecondToFirst() {
        Pipe pipe = context.pipe(false, 64);
        pipe.second().send(42L);
        assertThat((Long) pipe.first().recv()).isEqualTo(42L);
        assertThatThrownBy(() -> pipe.first().send(1)).isInstanceOf(IllegalStateException.class);
        assertThat(pipe.first().poll()).isFalse();
    }

    @Test
    void recvBytesIntoFillsTheBufferAtTheOffsetAndHandsOverAMessageTooLongForIt() {
        Pipe pipe = context.pipe();
        assertThat(context.process(PipeTest::sendTwoByteMessages, pipe.second()).start().join(Duration.ofSeconds(30)))
                .isTrue();
        byte[] buffer = new byte[8];
        assertThat(pipe.first().recvBytesInto(buffer, 2)).isEqualTo(3);
        assertThat(buffer).containsExactly(0, 0, 1, 2, 3, 0, 0, 0);
        assertThatThrownBy(() -> pipe.first().recvBytesInto(buffer, 4)).isInstanceOfSatisfying(
                BufferTooShortException.class, e -> assertThat(e.message()).containsExactly(4, 5, 6, 7, 8));
        assertThat(pipe.first().poll()).as("the long message was consumed").isFalse();
        assertThatThrownBy(() -> pipe.first().recvBytesInto(buffer, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void readableAndWritableTellWhichWayAnEndGoes() {
        Pipe oneWay = context.pipe(false, 64);
        assertThat(oneWay.first().readable()).isTrue();
        assertThat(oneWay.first().writable()).isFalse();
        assertThat(oneWay.second().readable()).isFalse();
        assertThat(oneWay.second().writable()).isTrue();
        Pipe duplex = context.pipe();
        assertThat(duplex.first().readable() && duplex.first().writable()).isTrue();
    }

    private static void sendTwoByteMessages(Connection connection) {
        connection.sendBytes(new byte[] {1, 2, 3});
        connection.sendBytes(new byte[] {4, 5, 6, 7, 8});
    }

    private static void helloThenSleep(Connection connection) throws InterruptedException {
        connection.send("hello");
        Thread.sleep(60_000);
    }

    private static void echo(Connection connection) {
        try {
            while (true) {
                connection.send(connection.recv());
            }
        } catch (EndOfStreamException e) {
            connection.close();
        }
    }
}
