package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpareStartMethodTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(60);

    static void noop() {
    }

    @Test
    void aChildRunsInTheJvmStartedAheadTheNextSpareStartsAndClosingEndsIt() {
        Set<Long> before = children();
        long next;
        try (MprocContext context = MprocContext.builder().startMethod(StartMethod.SPARE).build()) {
            long spare = await().atMost(LONG_ENOUGH).until(() -> newChild(before, -1), pid -> pid > 0);

            ChildProcess child = context.process(SpareStartMethodTest::noop).start();

            assertThat(child.pid()).isEqualTo(spare);
            assertThat(child.join(LONG_ENOUGH)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            next = await().atMost(LONG_ENOUGH).until(() -> newChild(before, spare), pid -> pid > 0);
        }
        assertThat(ProcessHandle.of(next).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** A child of this JVM not in {@code before} and other than {@code except}; -1 if there is none. */
    private static long newChild(Set<Long> before, long except) {
        return children().stream().filter(pid -> !before.contains(pid) && pid != except).findFirst().orElse(-1L);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
