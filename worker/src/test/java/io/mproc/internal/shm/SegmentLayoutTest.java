package io.mproc.internal.shm;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLayoutTest {

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
    void headerDirectoryAndDataAreaEachStartOnACacheLine() {
        assertThat(SegmentLayout.HEADER_LENGTH).isEqualTo(CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.MAX_ENTRIES_OFFSET + Integer.BYTES).isLessThanOrEqualTo(SegmentLayout.HEADER_LENGTH);
        assertThat(SegmentLayout.DIRECTORY_OFFSET % CACHE_LINE_LENGTH).isZero();
        assertThat(SegmentLayout.DATA_OFFSET % CACHE_LINE_LENGTH).isZero();
        assertThat(SegmentLayout.DATA_OFFSET)
                .isEqualTo(SegmentLayout.DIRECTORY_OFFSET + SegmentLayout.MAX_ENTRIES * SegmentLayout.ENTRY_LENGTH);
    }

    @Test
    void entryNameFillsTheRestOfTheEntry() {
        assertThat(SegmentLayout.ENTRY_NAME_OFFSET + SegmentLayout.MAX_NAME_LENGTH)
                .isEqualTo(SegmentLayout.ENTRY_LENGTH);
        assertThat(SegmentLayout.MAX_NAME_LENGTH).isEqualTo(108);
    }

    @Test
    void valueBlockIsOneCacheLineWithTheLockWordBesideTheValue() {
        for (EntryType type : List.of(EntryType.LONG_VALUE, EntryType.INT_VALUE, EntryType.DOUBLE_VALUE,
                EntryType.BOOLEAN_VALUE)) {
            assertThat(SegmentLayout.blockLength(type, 1)).as(type.name()).isEqualTo(CACHE_LINE_LENGTH);
        }
        assertThat(SegmentLayout.VALUE_OFFSET + Long.BYTES).isLessThanOrEqualTo(CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.LOCK_OFFSET + Long.BYTES).isLessThanOrEqualTo(SegmentLayout.VALUE_OFFSET);
    }

    @Test
    void arrayBlockIsALockLineThenElementsPaddedToWholeCacheLines() {
        assertThat(SegmentLayout.blockLength(EntryType.LONG_ARRAY, 1)).isEqualTo(2 * CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.blockLength(EntryType.LONG_ARRAY, 8)).isEqualTo(2 * CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.blockLength(EntryType.DOUBLE_ARRAY, 9)).isEqualTo(3 * CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.blockLength(EntryType.INT_ARRAY, 16)).isEqualTo(2 * CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.blockLength(EntryType.INT_ARRAY, 17)).isEqualTo(3 * CACHE_LINE_LENGTH);
        assertThat(SegmentLayout.blockLength(EntryType.LONG_ARRAY, Integer.MAX_VALUE))
                .isEqualTo(CACHE_LINE_LENGTH + (Integer.MAX_VALUE + 1L) * 8);
    }

    @Test
    void everyBlockStartsOnItsOwnCacheLineInMemory() {
        segment.newLongValue("a", 0, true);
        segment.newIntArray("b", 3, true);
        segment.newBooleanValue("c", false, false);
        segment.newDoubleArray("d", 9, false);
        segment.newIntValue("e", 0, true);

        MemoryBuffer buffer = segment.buffer();
        long previousEnd = SegmentLayout.DATA_OFFSET;
        for (int i = 0; i < 5; i++) {
            int entry = SegmentLayout.entryOffset(i);
            int block = buffer.getInt(entry + SegmentLayout.ENTRY_BLOCK_OFFSET);
            EntryType type = EntryType.ofCode(buffer.getInt(entry + SegmentLayout.ENTRY_TYPE_OFFSET));
            int length = buffer.getInt(entry + SegmentLayout.ENTRY_LENGTH_OFFSET);
            assertThat(block % CACHE_LINE_LENGTH).as("offset of block %d (the mapping starts on a page)", i).isZero();
            assertThat(block).as("block %d follows the one before", i).isEqualTo(previousEnd);
            previousEnd = block + SegmentLayout.blockLength(type, length);
        }
        assertThat(segment.bytesInUse()).isEqualTo(previousEnd);
    }

    @Test
    void directoryEntryHoldsTypeFlagsLengthAndName() {
        segment.newLongValue("counter", 7, true);
        segment.newDoubleArray("samples", 12, false);

        MemoryBuffer buffer = segment.buffer();
        assertThat(buffer.getIntVolatile(SegmentLayout.ENTRY_COUNT_OFFSET)).isEqualTo(2);
        int entry = SegmentLayout.entryOffset(1);
        assertThat(buffer.getInt(entry + SegmentLayout.ENTRY_TYPE_OFFSET)).isEqualTo(EntryType.DOUBLE_ARRAY.code());
        assertThat(buffer.getInt(entry + SegmentLayout.ENTRY_FLAGS_OFFSET) & SegmentLayout.FLAG_LOCKED).isZero();
        assertThat(buffer.getInt(entry + SegmentLayout.ENTRY_LENGTH_OFFSET)).isEqualTo(12);
        assertThat(buffer.getStringWithoutLengthUtf8(entry + SegmentLayout.ENTRY_NAME_OFFSET,
                buffer.getInt(entry + SegmentLayout.ENTRY_NAME_LENGTH_OFFSET))).isEqualTo("samples");
        int first = SegmentLayout.entryOffset(0);
        assertThat(buffer.getInt(first + SegmentLayout.ENTRY_FLAGS_OFFSET) & SegmentLayout.FLAG_LOCKED)
                .isEqualTo(SegmentLayout.FLAG_LOCKED);
        assertThat(buffer.getLong(buffer.getInt(first + SegmentLayout.ENTRY_BLOCK_OFFSET)
                + SegmentLayout.VALUE_OFFSET)).isEqualTo(7);
    }

    @Test
    void headerNamesMagicVersionOwnerAndCapacity() {
        MemoryBuffer buffer = segment.buffer();
        assertThat(buffer.getInt(SegmentLayout.MAGIC_OFFSET)).isEqualTo(SegmentLayout.MAGIC);
        assertThat(buffer.getInt(SegmentLayout.VERSION_OFFSET)).isEqualTo(SegmentLayout.VERSION);
        assertThat(buffer.getLong(SegmentLayout.OWNER_PID_OFFSET)).isEqualTo(ProcessHandle.current().pid());
        assertThat(buffer.getLong(SegmentLayout.CAPACITY_OFFSET)).isEqualTo(1024 * 1024);
        assertThat(buffer.getInt(SegmentLayout.MAX_ENTRIES_OFFSET)).isEqualTo(SegmentLayout.MAX_ENTRIES);
    }
}
