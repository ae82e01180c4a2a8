package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.LockHold;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.SharedMemory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Python's {@code lock=}: values and arrays made to share another object's lock, held as one across processes. */
class SharedLockOfTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void anArrayMadeWithAValuesLockIsHeldWhenTheValueIsEvenInAnotherProcess() {
        SharedMemory memory = context.sharedMemory();
        LongValue total = memory.newLongValue("total", 0);
        LongArray parts = memory.withLockOf(total).newLongArray("parts", 2);
        SharedQueue<String> seen = context.queue();
        assertThat(parts.hasLock()).isTrue();
        ChildProcess child;
        try (LockHold hold = total.lock()) {
            child = context.process(SharedLockOfTest::tryThenTake, parts, seen).start();
            assertThat(seen.get(Duration.ofSeconds(30))).isEqualTo("busy");
        }
        assertThat(seen.get(Duration.ofSeconds(30))).isEqualTo("taken");
        assertThat(child.join(Duration.ofSeconds(30))).isTrue();
        assertThat(parts.get(0)).isEqualTo(1);
    }

    @Test
    void onlyALockedObjectOfTheSameMemoryLendsItsLock() {
        SharedMemory memory = context.sharedMemory();
        LongValue raw = memory.raw().newLongValue("raw", 0);
        assertThatThrownBy(() -> memory.withLockOf(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only an object with a lock");
        try (MprocContext other = MprocContext.create()) {
            LongValue elsewhere = other.sharedMemory().newLongValue("elsewhere", 0);
            assertThatThrownBy(() -> memory.withLockOf(elsewhere)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("made in this same shared memory");
        }
    }

    private static void tryThenTake(LongArray parts, SharedQueue<String> seen) {
        seen.put(parts.tryLock(Duration.ofMillis(100)) == null ? "busy" : "free");
        try (LockHold hold = parts.lock()) {
            parts.set(0, 1);
            seen.put("taken");
        }
    }
}
