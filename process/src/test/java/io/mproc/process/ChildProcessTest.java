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

    @Test
    void aStaticTargetGetsItsArgumentsUnboxedAsTheLambdaWould() {
        SharedList<Long> results = context.manager().list();
        ChildProcess child = context.process(ChildProcessTest::addProduct, results, 6, 7L).start();
        child.join();
        assertThat(child.exitCode()).hasValue(0);
        assertThat(results).containsExactly(42L);
    }

    @Test
    void anUnboundMethodReferenceRunsOnItsFirstArgumentAndDropsItsResult() {
        SharedList<String> results = context.manager().list();
        ProcessTarget2<SharedList<String>, String> add = SharedList::add;
        ChildProcess child = context.process(add, results, "added in the child").start();
        child.join();
        assertThat(child.exitCode()).hasValue(0);
        assertThat(results).containsExactly("added in the child");
    }

    @Test
    void aCapturingLambdaRunsWithWhatItCaptured() {
        SharedList<String> results = context.manager().list();
        String greeting = "hello from a captured value";
        ChildProcess child = context.process(list -> list.add(greeting), results).start();
        child.join();
        assertThat(results).containsExactly(greeting);
    }

    @Test
    void aTargetCapturingWhatCannotTravelFailsAtStart() {
        Object notSerializable = new Object();
        ChildProcess child = context.process(() -> notSerializable.hashCode());
        assertThatThrownBy(child::start).isInstanceOf(NotTransferableException.class)
                .hasMessageContaining("java.lang.Object, which is not Serializable");
    }

    private static void addProduct(SharedList<Long> results, int factor, long other) {
        results.add(factor * other);
    }

    private static void ignore(Object argument) {
    }
}
