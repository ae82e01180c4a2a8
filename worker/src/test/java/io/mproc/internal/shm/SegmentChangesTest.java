package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.LockHold;
import io.mproc.SharedObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SegmentChangesTest {

    private static final long CAPACITY = 1024 * 1024;

    @TempDir
    Path directory;

    private SharedSegment master;
    private SharedSegment base;
    private SharedSegment copy;

    @BeforeEach
    void createSegments() {
        master = SharedSegment.create(directory, CAPACITY);
        master.newLongValue("count", 10, true);
        master.newIntValue("hits", 0, false);
        master.newShortValue("small", Short.MAX_VALUE, false);
        master.newDoubleValue("sum", 0.5, true);
        master.newBooleanValue("found", false, false);
        master.newIntArray("cells", 9, true);
        master.newByteArray("bytes", 5, false);
        base = SharedSegment.createFromSnapshot(directory, CAPACITY, master.snapshot());
        copy = SharedSegment.createFromSnapshot(directory, CAPACITY, base.snapshot());
    }

    @AfterEach
    void closeSegments() {
        copy.close();
        base.close();
        master.close();
    }

    @Test
    void aSnapshotHoldsTheSameObjectsWithTheirValues() {
        assertThat(copy.longValue("count").get()).isEqualTo(10);
        assertThat(copy.doubleValue("sum").get()).isEqualTo(0.5);
        assertThat(copy.intArray("cells").length()).isEqualTo(9);
        assertThat(copy.bytesInUse()).isEqualTo(master.bytesInUse());
    }

    @Test
    void tasksThatWriteNeighbouringElementsOfOneArrayDoNotOverwriteEachOther() {
        copy.intArray("cells").set(3, 33);
        byte[] first = SegmentChanges.takeAndReset(base, copy);
        copy.intArray("cells").set(4, 44);
        copy.byteArray("bytes").set(0, (byte) 7);
        byte[] second = SegmentChanges.takeAndReset(base, copy);

        SegmentChanges.apply(second, master);
        SegmentChanges.apply(first, master);

        assertThat(master.intArray("cells").toArray()).containsExactly(0, 0, 0, 33, 44, 0, 0, 0, 0);
        assertThat(master.byteArray("bytes").get(0)).isEqualTo((byte) 7);
    }

    @Test
    void anElementThatChangesInOneByteTravelsWholeAndSeparateRunsStaySeparate() {
        copy.intArray("cells").set(1, 1 << 24);
        copy.intArray("cells").set(2, 7);
        copy.intArray("cells").set(6, -1);
        master.intArray("cells").set(4, 40);

        SegmentChanges.apply(SegmentChanges.takeAndReset(base, copy), master);

        assertThat(master.intArray("cells").toArray()).containsExactly(0, 1 << 24, 7, 0, 40, 0, -1, 0, 0);
        assertThat(copy.intArray("cells").toArray()).containsOnly(0);
    }

    @Test
    void counterIncrementsFromManyTasksAddUp() {
        for (int task = 0; task < 5; task++) {
            copy.longValue("count").addAndGet(task);
            copy.intValue("hits").addAndGet(1);
            copy.doubleValue("sum").addAndGet(0.25);
            SegmentChanges.apply(SegmentChanges.takeAndReset(base, copy), master);
        }
        assertThat(master.longValue("count").get()).isEqualTo(20);
        assertThat(master.intValue("hits").get()).isEqualTo(5);
        assertThat(master.doubleValue("sum").get()).isEqualTo(1.75);
    }

    @Test
    void aShortValueWrapsAsAShortAndStillComparesAndSets() {
        copy.shortValue("small").addAndGet((short) 1);
        SegmentChanges.apply(SegmentChanges.takeAndReset(base, copy), master);

        assertThat(master.shortValue("small").get()).isEqualTo(Short.MIN_VALUE);
        assertThat(master.shortValue("small").compareAndSet(Short.MIN_VALUE, (short) 1)).isTrue();
    }

    @Test
    void aBooleanIsSetNotAdded() {
        copy.booleanValue("found").set(true);
        SegmentChanges.apply(SegmentChanges.takeAndReset(base, copy), master);
        copy.booleanValue("found").set(true);
        SegmentChanges.apply(SegmentChanges.takeAndReset(base, copy), master);

        assertThat(master.booleanValue("found").get()).isTrue();
    }

    @Test
    void theCopyIsPutBackToTheBaseIncludingALockLeftHeld() throws InterruptedException {
        copy.intArray("cells").set(8, 1);
        holdLockInAnotherThread(copy.longValue("count"));
        copy.doubleValue("sum").set(9);

        SegmentChanges.takeAndReset(base, copy);

        assertThat(copy.intArray("cells").get(8)).isZero();
        assertThat(copy.doubleValue("sum").get()).isEqualTo(0.5);
        try (LockHold hold = copy.longValue("count").tryLock(Duration.ZERO)) {
            assertThat(hold).isNotNull();
        }
        assertThat(SegmentChanges.takeAndReset(base, copy)).isEmpty();
    }

    @Test
    void lockWordsAreNotCarried() throws InterruptedException {
        holdLockInAnotherThread(copy.longValue("count"));
        byte[] changes = SegmentChanges.takeAndReset(base, copy);

        SegmentChanges.apply(changes, master);

        assertThat(changes).isEmpty();
        try (LockHold hold = master.longValue("count").tryLock(Duration.ZERO)) {
            assertThat(hold).isNotNull();
        }
    }

    private static void holdLockInAnotherThread(SharedObject object) throws InterruptedException {
        Thread holder = new Thread(object::lock);
        holder.start();
        holder.join();
    }

    @Test
    void changesThatPointOutsideTheTargetAreRefused() {
        copy.byteArray("bytes").set(4, (byte) 1);
        byte[] changes = SegmentChanges.takeAndReset(base, copy);
        try (SharedSegment small = SharedSegment.create(directory, CAPACITY)) {
            assertThatThrownBy(() -> SegmentChanges.apply(changes, small))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points outside");
        }
    }

    @Test
    void bytesThatAreNotASnapshotAreRefused() {
        assertThatThrownBy(() -> SharedSegment.createFromSnapshot(directory, CAPACITY, new byte[100]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a snapshot");
    }
}
