package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mproc.LongValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSegmentTest {

    private static final long CAPACITY = 1024 * 1024;
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path directory;

    private SharedSegment segment;

    @BeforeEach
    void createSegment() {
        segment = SharedSegment.create(directory, CAPACITY);
    }

    @AfterEach
    void closeSegment() {
        segment.close();
    }

    @Test
    void createNamesTheFileAfterTheOwnerPidAndReservesTheCapacity() throws IOException {
        assertThat(segment.path().getParent()).isEqualTo(directory.toAbsolutePath());
        assertThat(segment.path().getFileName().toString()).matches("mproc-" + PID + "-[0-9a-f]{16}\\.shm");
        assertThat(Files.size(segment.path())).isEqualTo(CAPACITY);
        assertThat(segment.isOwner()).isTrue();
        assertThat(segment.ownerPid()).isEqualTo(PID);
        assertThat(segment.capacity()).isEqualTo(CAPACITY);
        assertThat(segment.bytesInUse()).isEqualTo(SegmentLayout.DATA_OFFSET);
    }

    @Test
    void createMakesTheFileReadableAndWritableByItsUserOnly() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(Files.getPosixFilePermissions(segment.path()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void twoSegmentsInOneDirectoryGetDifferentFiles() {
        try (SharedSegment other = SharedSegment.create(directory, CAPACITY)) {
            assertThat(other.path()).isNotEqualTo(segment.path());
        }
    }

    @Test
    void defaultDirectoryIsDevShmWhereItHasRoom() {
        Path devShm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(devShm) && Files.isWritable(devShm));
        assertThat(SharedSegment.defaultDirectory(SharedSegment.DEFAULT_CAPACITY)).isEqualTo(devShm);
    }

    @Test
    void defaultDirectoryIsTmpdirWhenDevShmHasNoRoom() {
        assertThat(SharedSegment.defaultDirectory(Long.MAX_VALUE))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void closeByOwnerLeavesNoFileInTheDirectory() throws IOException {
        segment.newLongValue("counter", 1, true);
        segment.close();
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void closeInTheDefaultDirectoryLeavesNoFile() {
        SharedSegment inDefault = SharedSegment.create(SharedSegment.defaultDirectory(CAPACITY), CAPACITY);
        Path file = inDefault.path();
        assertThat(file).exists();
        inDefault.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void closeTwiceIsHarmless() {
        segment.close();
        segment.close();
        assertThat(segment.path()).doesNotExist();
    }

    @Test
    void objectsKeepWorkingAfterTheSegmentIsClosed() {
        LongValue counter = segment.newLongValue("counter", 41, true);
        segment.close();
        assertThat(counter.addAndGet(1)).isEqualTo(42);
        try (var hold = counter.lock()) {
            assertThat(hold.previousHolderDied()).isFalse();
        }
    }

    @Test
    void allocationAndLookupAfterCloseFail() {
        segment.newLongValue("counter", 0, true);
        segment.close();
        assertThatThrownBy(() -> segment.newLongValue("other", 0, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> segment.longValue("counter"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }

    @Test
    void attachInTheOwnerJvmReturnsTheOwnersSegment() {
        assertThat(SharedSegment.attach(segment.path())).isSameAs(segment);
        assertThat(SharedSegment.attach(directory.resolve("sub").resolve("..").resolve(segment.path().getFileName())))
                .isSameAs(segment);
    }

    @Test
    void attachAfterTheOwnerClosedFailsNamingTheMissingFile() {
        segment.close();
        assertThatThrownBy(() -> SharedSegment.attach(segment.path()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("there is no shared-memory segment at " + segment.path())
                .hasMessageContaining("closed");
    }

    @Test
    void attachToAFileThatIsNotASegmentFails() throws IOException {
        Path notASegment = Files.write(directory.resolve("other.shm"), new byte[(int) CAPACITY]);
        assertThatThrownBy(() -> SharedSegment.attach(notASegment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(notASegment + " is not an mproc shared-memory segment")
                .hasMessageContaining("magic");
        Path tooSmall = Files.write(directory.resolve("small.shm"), new byte[16]);
        assertThatThrownBy(() -> SharedSegment.attach(tooSmall))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void attacherFindsObjectsTheOwnerCreatesAfterItAttached() throws IOException {
        segment.newLongValue("before", 1, true);
        try (SharedSegment attacher = attachThroughLink()) {
            LongValue counter = segment.newLongValue("after", 5, true);

            assertThat(attacher.isOwner()).isFalse();
            assertThat(attacher.ownerPid()).isEqualTo(PID);
            assertThat(attacher.longValue("before").get()).isEqualTo(1);
            LongValue seen = attacher.longValue("after");
            assertThat(seen).isNotSameAs(counter);
            seen.addAndGet(10);
            assertThat(counter.get()).isEqualTo(15);
            assertThat(attacher.longValue("after")).isSameAs(seen);
            assertThat(attacher.bytesInUse()).isEqualTo(segment.bytesInUse());
        }
    }

    @Test
    void attacherSeesTheTypeAndLockOfEachObject() throws IOException {
        segment.newIntArray("locked", 4, true);
        segment.newIntArray("raw", 4, false);
        try (SharedSegment attacher = attachThroughLink()) {
            assertThat(attacher.intArray("locked").hasLock()).isTrue();
            assertThat(attacher.intArray("raw").hasLock()).isFalse();
            assertThat(attacher.intArray("raw").length()).isEqualTo(4);
            assertThatThrownBy(() -> attacher.doubleValue("raw"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is an IntArray, not a DoubleValue");
            assertThatThrownBy(() -> attacher.intArray("missing"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it holds [locked, raw]");
        }
    }

    @Test
    void attacherCannotAllocate() throws IOException {
        try (SharedSegment attacher = attachThroughLink()) {
            assertThatThrownBy(() -> attacher.newLongValue("counter", 0, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only the process that created the shared-memory segment (pid " + PID
                            + ")");
        }
    }

    @Test
    void attacherCloseKeepsTheFile() throws IOException {
        SharedSegment attacher = attachThroughLink();
        attacher.close();
        assertThat(segment.path()).exists();
        assertThat(segment.newLongValue("counter", 2, true).get()).isEqualTo(2);
    }

    @Test
    void bytesInUseGrowsByWholeCacheLines() {
        long before = segment.bytesInUse();
        segment.newIntValue("flag", 0, false);
        assertThat(segment.bytesInUse() - before).isEqualTo(64);
        segment.newLongArray("data", 9, true);
        assertThat(segment.bytesInUse() - before).isEqualTo(64 + 64 + 128);
    }

    @Test
    void capacityOutsideTheLimitsIsRefused() {
        assertThatThrownBy(() -> SharedSegment.create(directory, 4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096 bytes")
                .hasMessageContaining("from " + SegmentLayout.MIN_CAPACITY + " to " + Integer.MAX_VALUE);
        assertThatThrownBy(() -> SharedSegment.create(directory, 1L << 31))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createInAMissingDirectoryFailsNamingIt() {
        Path missing = directory.resolve("missing");
        assertThatThrownBy(() -> SharedSegment.create(missing, CAPACITY))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot create a shared-memory segment of " + CAPACITY + " bytes in "
                        + missing.toAbsolutePath())
                .hasMessageContaining("check that the directory exists");
    }

    @Test
    void fullSegmentSaysWhatWasAskedWhatIsLeftAndHowToRaiseIt() {
        long left = CAPACITY - segment.bytesInUse();
        assertThatThrownBy(() -> segment.newLongArray("big", 200_000, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shared memory is full: LongArray 'big' needs 1600064 bytes but only " + left + " of "
                        + CAPACITY + " bytes are left; raise the pool's shared-memory size");
        assertThat(segment.bytesInUse()).isEqualTo(SegmentLayout.DATA_OFFSET);
    }

    @Test
    void lastBytesCanBeAllocatedExactly() {
        long left = CAPACITY - segment.bytesInUse();
        segment.newLongArray("rest", (int) ((left - 64) / 8), false);
        assertThat(segment.bytesInUse()).isEqualTo(CAPACITY);
        assertThatThrownBy(() -> segment.newBooleanValue("one more", true, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs 64 bytes but only 0 of");
    }

    @Test
    void nameUsedTwiceIsRefused() {
        segment.newLongValue("counter", 0, true);
        assertThatThrownBy(() -> segment.newIntArray("counter", 4, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot create IntArray 'counter': a LongValue of that name already exists; give each"
                        + " shared object its own name");
    }

    @Test
    void unknownNameIsRefusedListingTheNamesThereAre() {
        segment.newLongValue("hits", 0, true);
        segment.newLongValue("misses", 0, true);
        assertThatThrownBy(() -> segment.longValue("hit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no shared object named 'hit' in segment " + segment.path()
                        + "; it holds [hits, misses]");
    }

    @Test
    void lookupWithTheWrongTypeSaysTheActualType() {
        segment.newDoubleArray("samples", 3, true);
        assertThatThrownBy(() -> segment.longValue("samples"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shared object 'samples' is a DoubleArray, not a LongValue; look it up with"
                        + " doubleArray(\"samples\")");
    }

    @Test
    void zeroOrNegativeLengthIsRefused() {
        assertThatThrownBy(() -> segment.newLongArray("empty", 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot create LongArray 'empty' of length 0: the length must be at least 1");
        assertThatThrownBy(() -> segment.newIntArray("negative", -3, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of length -3");
    }

    @Test
    void nameLongerThanTheEntryHoldsIsRefused() {
        String name = "é".repeat(55);
        assertThatThrownBy(() -> segment.newLongValue(name, 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the name '" + name + "' is 110 bytes in UTF-8, above the limit of 108; use a shorter"
                        + " name");
        String longest = "x".repeat(SegmentLayout.MAX_NAME_LENGTH);
        assertThat(segment.newLongValue(longest, 3, true).name()).isEqualTo(longest);
        assertThat(segment.longValue(longest).get()).isEqualTo(3);
    }

    @Test
    void emptyNameIsRefused() {
        assertThatThrownBy(() -> segment.newLongValue("", 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name");
    }

    @Test
    void fullDirectoryIsRefused() {
        try (SharedSegment roomy = SharedSegment.create(directory,
                SegmentLayout.DATA_OFFSET + (SegmentLayout.MAX_ENTRIES + 1) * 64L)) {
            for (int i = 0; i < SegmentLayout.MAX_ENTRIES; i++) {
                roomy.newBooleanValue("flag" + i, false, false);
            }
            assertThatThrownBy(() -> roomy.newBooleanValue("one too many", false, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the most shared objects it can, 1024");
        }
    }

    @Test
    void removeStaleKeepsSegmentsOfLiveOwnersAndOtherFiles() throws IOException {
        Path other = Files.createFile(directory.resolve("mproc-notapid-1.shm"));
        Path unrelated = Files.createFile(directory.resolve("notes.txt"));
        assertThat(SharedSegment.removeStale(directory)).isZero();
        assertThat(segment.path()).exists();
        assertThat(other).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void removeStaleDeletesSegmentsOfDeadOwners() throws IOException {
        Path stale = Files.createFile(directory.resolve("mproc-" + ProcessIds.deadPid() + "-0123456789abcdef.shm"));
        assertThat(SharedSegment.removeStale(directory)).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(segment.path()).exists();
    }

    private SharedSegment attachThroughLink() throws IOException {
        Path link = Files.createSymbolicLink(directory.resolve("link.shm"), segment.path());
        return SharedSegment.attach(link);
    }
}
