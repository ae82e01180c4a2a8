package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A child that cannot fit in memory is refused before its JVM starts, with a message that says what to do. */
class ChildMemoryGuardTest {

    static void nothing() {
    }

    @Test
    @Timeout(20)
    void aChildWhoseHeapCannotFitInMemoryIsRefusedBeforeItsJvmStarts() {
        try (MprocContext context = MprocContext.builder().jvmOptions("-Xms100t").build()) {
            long childrenBefore = ProcessHandle.current().children().count();
            ChildProcess child = context.process(ChildMemoryGuardTest::nothing);

            assertThatThrownBy(child::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("1 child process does not fit in this machine's memory: each takes about "
                            + "100.0 TiB (a heap of 100.0 TiB plus 32.0 MiB besides)")
                    .hasMessageContaining("use at most 0 child processes or a smaller heap");
            assertThat(child.pid()).isEqualTo(-1);
            assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
        }
    }
}
