package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.BooleanValue;
import io.mproc.DoubleValue;
import io.mproc.IntValue;
import io.mproc.LongValue;
import io.mproc.SharedObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedValuesTest {

    @TempDir
    Path directory;

    private SharedSegment segment;

    @BeforeEach
    void createSegment() {
        segment = SharedSegment.create(directory, 1024 * 1024);
    }

    @AfterEach
    void closeSegment() {
        segment.close();
    }

    @Test
    void longValueStartsAtItsInitialValueAndUpdatesAtomically() {
        LongValue value = segment.newLongValue("counter", 10, true);
        assertThat(value.get()).isEqualTo(10);
        assertThat(value.addAndGet(5)).isEqualTo(15);
        assertThat(value.getAndAdd(-20)).isEqualTo(15);
        assertThat(value.get()).isEqualTo(-5);
        assertThat(value.compareAndSet(0, 1)).isFalse();
        assertThat(value.compareAndSet(-5, Long.MAX_VALUE)).isTrue();
        assertThat(value.getAndSet(Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
        value.set(3);
        assertThat(value.get()).isEqualTo(3);
        assertThat(value).hasToString("LongValue[counter=3]");
    }

    @Test
    void intValueStartsAtItsInitialValueAndUpdatesAtomically() {
        IntValue value = segment.newIntValue("count", -1, true);
        assertThat(value.get()).isEqualTo(-1);
        assertThat(value.addAndGet(2)).isEqualTo(1);
        assertThat(value.getAndAdd(Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(value.get()).isEqualTo(Integer.MIN_VALUE);
        assertThat(value.compareAndSet(0, 1)).isFalse();
        assertThat(value.compareAndSet(Integer.MIN_VALUE, 7)).isTrue();
        assertThat(value.getAndSet(8)).isEqualTo(7);
        value.set(9);
        assertThat(value.get()).isEqualTo(9);
    }

    @Test
    void doubleValueAddsThroughItsBits() {
        DoubleValue value = segment.newDoubleValue("total", 0.5, true);
        assertThat(value.get()).isEqualTo(0.5);
        assertThat(value.addAndGet(0.25)).isEqualTo(0.75);
        assertThat(value.getAndAdd(1.0)).isEqualTo(0.75);
        assertThat(value.get()).isEqualTo(1.75);
        assertThat(value.getAndSet(-2.0)).isEqualTo(1.75);
        value.set(Double.MAX_VALUE);
        assertThat(value.get()).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void doubleCompareAndSetComparesBitPatterns() {
        DoubleValue value = segment.newDoubleValue("x", 0.0, true);
        assertThat(value.compareAndSet(-0.0, 1.0)).isFalse();
        assertThat(value.compareAndSet(0.0, Double.NaN)).isTrue();
        assertThat(value.compareAndSet(Double.NaN, 2.0)).isTrue();
        assertThat(value.get()).isEqualTo(2.0);
    }

    @Test
    void booleanValueFlipsAtomically() {
        BooleanValue value = segment.newBooleanValue("stop", false, true);
        assertThat(value.get()).isFalse();
        assertThat(value.compareAndSet(true, false)).isFalse();
        assertThat(value.compareAndSet(false, true)).isTrue();
        assertThat(value.get()).isTrue();
        assertThat(value.getAndSet(false)).isTrue();
        value.set(true);
        assertThat(value.get()).isTrue();
        assertThat(segment.newBooleanValue("start", true, false).get()).isTrue();
    }

    @Test
    void valuesInAdjacentBlocksDoNotOverlap() {
        LongValue first = segment.newLongValue("first", -1, true);
        DoubleValue second = segment.newDoubleValue("second", -1.0, true);
        IntValue third = segment.newIntValue("third", -1, true);
        first.set(Long.MAX_VALUE);
        second.set(Double.MIN_VALUE);
        third.set(Integer.MAX_VALUE);
        try (var hold = second.lock()) {
            assertThat(first.get()).isEqualTo(Long.MAX_VALUE);
            assertThat(second.get()).isEqualTo(Double.MIN_VALUE);
            assertThat(third.get()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @Test
    void lookupReturnsTheObjectAllocatedUnderThatName() {
        LongValue counter = segment.newLongValue("counter", 1, true);
        assertThat(segment.longValue("counter")).isSameAs(counter);
        assertThat(segment.object("counter")).isSameAs(counter);
        assertThat(segment.intValue(segment.newIntValue("i", 2, false).name()).get()).isEqualTo(2);
        assertThat(segment.doubleValue(segment.newDoubleValue("d", 3, false).name()).get()).isEqualTo(3);
        assertThat(segment.booleanValue(segment.newBooleanValue("b", true, false).name()).get()).isTrue();
    }

    @Test
    void rawValueHasNoLock() {
        SharedObject raw = segment.newLongValue("raw", 0, false);
        assertThat(raw.hasLock()).isFalse();
        assertThatThrownBy(raw::lock)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("LongValue 'raw' was created raw, without a lock; create it with a lock to use lock(),"
                        + " or guard it some other way");
        assertThatThrownBy(() -> raw.tryLock(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void lockedValueHasALock() {
        SharedObject locked = segment.newBooleanValue("locked", false, true);
        assertThat(locked.hasLock()).isTrue();
        try (var hold = locked.lock()) {
            assertThat(hold.previousHolderDied()).isFalse();
        }
    }
}
