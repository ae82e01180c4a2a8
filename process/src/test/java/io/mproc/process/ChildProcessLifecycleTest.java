package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.testing.ChildJvm;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a child process ends, and how its parent waits for it. */
class ChildProcessLifecycleTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aChildWaitsForTheNonDaemonThreadsItsTargetStartedBeforeItExits() {
        SharedQueue<String> events = context.queue();
        SharedEvent go = context.event();
        ChildProcess child = context.process(ChildProcessLifecycleTest::startWorkerThenReturn, events, go).start();
        assertThat(events.get(LONG_ENOUGH)).isEqualTo("target returned");
        go.set();
        assertThat(events.get(LONG_ENOUGH)).isEqualTo("worker thread finished");
        assertThat(child.join(LONG_ENOUGH)).isTrue();
        assertThat(child.exitCode()).hasValue(0);
    }

    @Test
    void aChildThatFailsFlushesStandardErrorEvenIfItWasRedirectedToABufferedStream() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ChildProcess child = context.process(ChildProcessLifecycleTest::bufferStandardErrorThenFail).start();
            assertThat(child.join(LONG_ENOUGH)).isTrue();
            assertThat(child.exitCode()).hasValue(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    captured.toString(StandardCharsets.UTF_8)).contains("IllegalStateException: the lost trace"));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    @Timeout(10)
    void joinBeforeStartFailsAtOnce() {
        ChildProcess child = context.process(() -> { });
        assertThatThrownBy(child::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        assertThatThrownBy(() -> child.join(Duration.ofSeconds(60))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Timeout(20)
    void joinGivesUpWhenItsThreadIsInterruptedAndKeepsTheInterrupt() {
        ChildProcess child = context.process(() -> Thread.sleep(60_000)).start();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(child::join).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            child.kill();
        }
    }

    @Test
    void aDaemonProcessMayNotStartChildren() {
        SharedQueue<String> outcome = context.queue();
        ChildProcess daemon = context.process(ChildProcessLifecycleTest::tryToStartAChild, outcome).daemon(true)
                .start();
        assertThat(outcome.get(LONG_ENOUGH)).contains("daemonic processes are not allowed to have children");
        assertThat(daemon.join(LONG_ENOUGH)).isTrue();
    }

    @Test
    @Timeout(60)
    void aProgramReturningFromMainWithADaemonChildRunningExitsAndEndsTheChild() {
        try (ChildJvm program = ChildJvm.start(List.of(), DaemonChildMain.class)) {
            long child = Long.parseLong(program.awaitLine("child ", Duration.ofSeconds(30)).substring("child ".length()));
            assertThat(program.awaitExit(Duration.ofSeconds(30))).as("the program's exit status").isZero();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        }
    }

    private static void startWorkerThenReturn(SharedQueue<String> events, SharedEvent go) {
        Thread worker = new Thread(() -> {
            go.await();
            events.put("worker thread finished");
        });
        worker.start();
        events.put("target returned");
    }

    private static void bufferStandardErrorThenFail() {
        System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16),
                false, StandardCharsets.UTF_8));
        throw new IllegalStateException("the lost trace");
    }

    private static void tryToStartAChild(SharedQueue<String> outcome) {
        try (MprocContext inner = MprocContext.create()) {
            inner.process(() -> { }).start().join();
            outcome.put("the daemon started a child");
        } catch (IllegalStateException e) {
            outcome.put(e.getMessage());
        }
    }
}
