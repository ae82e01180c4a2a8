package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.DoubleArray;
import io.mproc.IntArray;
import io.mproc.LockHold;
import io.mproc.LongArray;
import io.mproc.LongValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedArraysTest {

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
    void newArrayHoldsZeros() {
        assertThat(segment.newLongArray("l", 5, true).toArray()).containsOnly(0L).hasSize(5);
        assertThat(segment.newIntArray("i", 17, false).toArray()).containsOnly(0).hasSize(17);
        assertThat(segment.newDoubleArray("d", 1, true).toArray()).containsExactly(0.0);
    }

    @Test
    void longArrayElementsUpdateAtomically() {
        LongArray array = segment.newLongArray("a", 4, true);
        assertThat(array.length()).isEqualTo(4);
        array.set(0, 7);
        assertThat(array.addAndGet(1, 5)).isEqualTo(5);
        assertThat(array.getAndAdd(1, 1)).isEqualTo(5);
        assertThat(array.compareAndSet(2, 1, 2)).isFalse();
        assertThat(array.compareAndSet(2, 0, 2)).isTrue();
        assertThat(array.getAndSet(3, -1)).isZero();
        assertThat(array.toArray()).containsExactly(7, 6, 2, -1);
        assertThat(array.get(1)).isEqualTo(6);
    }

    @Test
    void intArrayElementsUpdateAtomically() {
        IntArray array = segment.newIntArray("a", 4, true);
        array.set(0, 7);
        assertThat(array.addAndGet(1, 5)).isEqualTo(5);
        assertThat(array.getAndAdd(1, 1)).isEqualTo(5);
        assertThat(array.compareAndSet(2, 1, 2)).isFalse();
        assertThat(array.compareAndSet(2, 0, 2)).isTrue();
        assertThat(array.getAndSet(3, -1)).isZero();
        assertThat(array.toArray()).containsExactly(7, 6, 2, -1);
        assertThat(array.get(3)).isEqualTo(-1);
    }

    @Test
    void doubleArrayElementsUpdateThroughTheirBits() {
        DoubleArray array = segment.newDoubleArray("a", 4, true);
        array.set(0, 0.5);
        assertThat(array.addAndGet(1, 1.5)).isEqualTo(1.5);
        assertThat(array.getAndAdd(1, 1.0)).isEqualTo(1.5);
        assertThat(array.compareAndSet(2, -0.0, 2.0)).isFalse();
        assertThat(array.compareAndSet(2, 0.0, 2.0)).isTrue();
        assertThat(array.getAndSet(3, Double.NaN)).isZero();
        assertThat(array.toArray()).containsExactly(0.5, 2.5, 2.0, Double.NaN);
        assertThat(array.get(2)).isEqualTo(2.0);
    }

    @Test
    void copyFromWritesTheRangeStartingAtTheOffset() {
        LongArray longs = segment.newLongArray("l", 6, true);
        longs.copyFrom(new long[] {1, 2, 3}, 2);
        assertThat(longs.toArray()).containsExactly(0, 0, 1, 2, 3, 0);
        longs.copyFrom(new long[] {9, 9, 9}, 3);
        assertThat(longs.toArray()).containsExactly(0, 0, 1, 9, 9, 9);

        IntArray ints = segment.newIntArray("i", 3, false);
        ints.copyFrom(new int[] {4, 5, 6}, 0);
        assertThat(ints.toArray()).containsExactly(4, 5, 6);

        DoubleArray doubles = segment.newDoubleArray("d", 3, false);
        doubles.copyFrom(new double[] {0.5}, 2);
        assertThat(doubles.toArray()).containsExactly(0.0, 0.0, 0.5);
        doubles.copyFrom(new double[0], 3);
        assertThat(doubles.toArray()).containsExactly(0.0, 0.0, 0.5);
    }

    @Test
    void largeArrayRoundTripsThroughCopyFromAndToArray() {
        double[] samples = new double[100_000];
        Arrays.setAll(samples, i -> i * 0.5);
        DoubleArray array = segment.newDoubleArray("samples", samples.length, false);
        array.copyFrom(samples, 0);
        assertThat(array.toArray()).isEqualTo(samples);
    }

    @Test
    void indexOutsideTheArraySaysTheIndexAndLength() {
        LongArray longs = segment.newLongArray("longs", 3, true);
        assertThatThrownBy(() -> longs.get(3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 3 is out of bounds for LongArray 'longs' of length 3");
        assertThatThrownBy(() -> longs.set(-1, 0))
                .hasMessage("index -1 is out of bounds for LongArray 'longs' of length 3");
        IntArray ints = segment.newIntArray("ints", 2, true);
        assertThatThrownBy(() -> ints.addAndGet(2, 1))
                .hasMessage("index 2 is out of bounds for IntArray 'ints' of length 2");
        DoubleArray doubles = segment.newDoubleArray("doubles", 1, true);
        assertThatThrownBy(() -> doubles.compareAndSet(1, 0, 1))
                .hasMessage("index 1 is out of bounds for DoubleArray 'doubles' of length 1");
    }

    @Test
    void copyFromOutsideTheArrayIsRefusedAndWritesNothing() {
        LongArray longs = segment.newLongArray("longs", 4, true);
        assertThatThrownBy(() -> longs.copyFrom(new long[] {1, 2, 3}, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("cannot copy 3 elements to index 2 of LongArray 'longs' of length 4: the range must lie"
                        + " within [0, 4)");
        assertThatThrownBy(() -> longs.copyFrom(new long[] {1}, -1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.newIntArray("ints", 1, true).copyFrom(new int[2], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> segment.newDoubleArray("doubles", 1, true).copyFrom(new double[1], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(longs.toArray()).containsOnly(0L);
    }

    @Test
    void fillingAnArrayLeavesItsNeighboursAlone() {
        LongValue before = segment.newLongValue("before", 1, true);
        IntArray ints = segment.newIntArray("ints", 17, true);
        LongValue after = segment.newLongValue("after", 2, true);
        int[] ones = new int[17];
        Arrays.fill(ones, -1);
        ints.copyFrom(ones, 0);
        assertThat(before.get()).isEqualTo(1);
        assertThat(after.get()).isEqualTo(2);
        try (LockHold beforeHold = before.tryLock(Duration.ZERO); LockHold afterHold = after.tryLock(Duration.ZERO)) {
            assertThat(beforeHold).as("the lock before the array is free").isNotNull();
            assertThat(afterHold).as("the lock after the array is free").isNotNull();
        }
    }

    @Test
    void lookupReturnsTheArrayAllocatedUnderThatName() {
        LongArray longs = segment.newLongArray("longs", 2, true);
        assertThat(segment.longArray("longs")).isSameAs(longs);
        assertThat(segment.intArray(segment.newIntArray("ints", 2, false).name()).length()).isEqualTo(2);
        assertThat(segment.doubleArray(segment.newDoubleArray("doubles", 3, false).name()).length()).isEqualTo(3);
        assertThat(longs).hasToString("LongArray[longs, length 2]");
    }

    @Test
    void rawArrayHasNoLock() {
        IntArray raw = segment.newIntArray("raw", 2, false);
        assertThat(raw.hasLock()).isFalse();
        assertThatThrownBy(raw::lock)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("IntArray 'raw' was created raw, without a lock");
    }
}
