package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.ByteArray;
import io.mproc.ShortArray;
import io.mproc.ShortValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Python's {@code Value('h')}, {@code Array('h')} and {@code Array('c', b"...")} with its value, across JVMs. */
class SmallTypesTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void shortsAndBytesChangedInAChildAreSeenInPlaceByTheParent() {
        ShortValue counter = context.sharedMemory().newShortValue("counter", (short) 1);
        ShortArray shorts = context.sharedMemory().raw().newShortArray("shorts", new short[] {1, 2, 3});
        ByteArray text = context.sharedMemory().newByteArray("text", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(text.asString()).isEqualTo("hello");

        ChildProcess child = context.process(SmallTypesTest::change, counter, shorts, text).start();

        assertThat(child.join(Duration.ofSeconds(30))).isTrue();
        assertThat(child.exitCode()).hasValue(0);
        assertThat(counter.get()).isEqualTo((short) 3);
        assertThat(shorts.toArray()).containsExactly(1, 20, 3);
        assertThat(shorts.hasLock()).isFalse();
        assertThat(text.asString()).isEqualTo("hi");
        assertThat(text.toArray()).containsExactly('h', 'i', 0, 'l', 'o');
    }

    @Test
    void shortArithmeticWrapsAroundAndTextLongerThanTheArrayIsRefused() {
        ShortValue value = context.sharedMemory().newShortValue("wrap", Short.MAX_VALUE);
        assertThat(value.addAndGet((short) 1)).isEqualTo(Short.MIN_VALUE);
        assertThat(value.compareAndSet(Short.MIN_VALUE, (short) 7)).isTrue();
        assertThat(value.get()).isEqualTo((short) 7);
        ByteArray small = context.sharedMemory().newByteArray("small", 3);
        assertThatThrownBy(() -> small.setString("four")).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("4 bytes, more than the 3");
        small.setString("abc");
        assertThat(small.asString()).isEqualTo("abc");
    }

    private static void change(ShortValue counter, ShortArray shorts, ByteArray text) {
        counter.addAndGet((short) 2);
        shorts.set(1, (short) 20);
        text.setString("hi");
    }
}
