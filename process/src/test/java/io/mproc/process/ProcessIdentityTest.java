package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a process knows of itself and its parent, and what a parent knows of its children: Python's
 * {@code current_process()}, {@code parent_process()}, {@code active_children()}, {@code sentinel},
 * {@code close()} and {@code interrupt()}, across child JVMs.
 */
class ProcessIdentityTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aChildKnowsItsNameItsPidItsDaemonFlagAndItsLiveParent() throws Exception {
        SharedQueue<String> seen = context.queue();
        ChildProcess child = context.process(ProcessIdentityTest::tellWhoIAm, seen).name("worker-7").daemon(true)
                .start();
        assertThat(seen.get(LONG_ENOUGH)).isEqualTo("worker-7 " + child.pid() + " true");
        assertThat(seen.get(LONG_ENOUGH)).isEqualTo("parent " + ProcessHandle.current().pid() + " alive");
        assertThat(child.join(LONG_ENOUGH)).isTrue();
    }

    @Test
    void theMainProcessIsCalledMainProcessAndHasNoParent() {
        assertThat(ChildProcess.current()).isEqualTo(
                new ProcessIdentity("MainProcess", ProcessHandle.current().pid(), false));
        assertThat(ChildProcess.parent()).isEmpty();
    }

    @Test
    void activeChildrenAreThoseStillRunning() {
        SharedEvent go = context.event();
        List<ChildProcess> children = List.of(context.process(ProcessIdentityTest::waitFor, go).start(),
                context.process(ProcessIdentityTest::waitFor, go).start());
        assertThat(context.activeChildren()).containsExactlyInAnyOrderElementsOf(children);
        go.set();
        children.forEach(child -> assertThat(child.join(LONG_ENOUGH)).isTrue());
        assertThat(context.activeChildren()).isEmpty();
    }

    @Test
    void onExitCompletesWithTheExitCode() throws Exception {
        ChildProcess child = context.process(ProcessIdentityTest::exitWithThree).start();
        assertThat(child.onExit().get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(child.exitCode()).hasValue(3);
    }

    @Test
    void closeRefusesARunningProcessThenReleasesTheHandleOfAnEndedOne() {
        SharedEvent go = context.event();
        ChildProcess child = context.process(ProcessIdentityTest::waitFor, go).start();
        assertThatThrownBy(child::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("while it runs");
        go.set();
        assertThat(child.join(LONG_ENOUGH)).isTrue();
        child.close();
        child.close();
        assertThatThrownBy(child::pid).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(child::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThat(child.exitCode()).hasValue(0);
    }

    @Test
    void interruptEndsAWaitingChildWithMinusTwo() {
        SharedEvent never = context.event();
        SharedQueue<String> started = context.queue();
        ChildProcess child = context.process(ProcessIdentityTest::announceThenWait, started, never).start();
        assertThat(started.get(LONG_ENOUGH)).isEqualTo("waiting");
        child.interrupt();
        assertThat(child.join(LONG_ENOUGH)).isTrue();
        assertThat(child.exitCode()).hasValue(-2);
    }

    @Test
    void interruptBeforeStartFails() {
        ChildProcess child = context.process(ProcessIdentityTest::exitWithThree);
        assertThatThrownBy(child::interrupt).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never started");
    }

    private static void tellWhoIAm(SharedQueue<String> seen) {
        ProcessIdentity me = ChildProcess.current();
        seen.put(me.name() + " " + me.pid() + " " + me.daemon());
        ProcessHandle parent = ChildProcess.parent().orElseThrow();
        seen.put("parent " + parent.pid() + (parent.isAlive() ? " alive" : " gone"));
    }

    private static void waitFor(SharedEvent go) {
        go.await();
    }

    private static void exitWithThree() {
        System.exit(3);
    }

    private static void announceThenWait(SharedQueue<String> started, SharedEvent never) {
        started.put("waiting");
        never.await();
    }
}
