package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.NotTransferableException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void exitCodeIsZeroWhenTheTargetReturns() {
        ChildProcess child = context.process(() -> { }).start();
        child.join();
        assertThat(child.exitCode()).hasValue(0);
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void exitCodeIsTheStatusPassedToSystemExit() {
        ChildProcess child = context.process(() -> System.exit(7)).start();
        child.join();
        assertThat(child.exitCode()).hasValue(7);
    }

    @Test
    void exitCodeIsOneWhenTheTargetThrows() {
        ChildProcess child = context.process(() -> {
            throw new IllegalStateException("boom");
        }).start();
        child.join();
        assertThat(child.exitCode()).hasValue(1);
    }

    @Test
    void exitCodeIsMinusTheSignalWhenKilled() {
        ChildProcess child = context.process(() -> Thread.sleep(60_000)).name("sleeper").start();
        assertThat(child.isAlive()).isTrue();
        assertThat(child.pid()).isPositive();
        child.kill();
        assertThat(child.join(Duration.ofSeconds(10))).isTrue();
        assertThat(child.exitCode()).hasValue(-9);
    }

    @Test
    void terminateEndsTheProcessWithSigterm() {
        ChildProcess child = context.process(() -> Thread.sleep(60_000)).start();
        child.terminate();
        assertThat(child.join(Duration.ofSeconds(10))).isTrue();
        assertThat(child.exitCode()).hasValue(-15);
    }

    @Test
    void anArgumentThatCannotTravelFailsAtStart() {
        ChildProcess child = context.process(ChildProcessTest::ignore, new Object());
        assertThatThrownBy(child::start).isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("argument 1 (java.lang.Object)");
    }

    @Test
    void closeEndsChildrenStillRunning() {
        ChildProcess child = context.process(() -> Thread.sleep(60_000)).daemon(true).start();
        context.close();
        assertThat(child.isAlive()).isFalse();
    }

    private static void ignore(Object argument) {
    }
}
