package io.mproc.internal.shm;

import static io.mproc.internal.shm.SegmentLayout.ALLOCATED_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.CAPACITY_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.DATA_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_BLOCK_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_COUNT_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_FLAGS_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_LENGTH_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_NAME_LENGTH_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_NAME_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.ENTRY_TYPE_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.FLAG_LOCKED;
import static io.mproc.internal.shm.SegmentLayout.MAGIC;
import static io.mproc.internal.shm.SegmentLayout.MAGIC_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.MAX_ENTRIES;
import static io.mproc.internal.shm.SegmentLayout.MAX_ENTRIES_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.OWNER_PID_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.VALUE_OFFSET;
import static io.mproc.internal.shm.SegmentLayout.VERSION;
import static io.mproc.internal.shm.SegmentLayout.VERSION_OFFSET;

import io.mproc.BooleanValue;
import io.mproc.ByteArray;
import io.mproc.DoubleArray;
import io.mproc.DoubleValue;
import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.SharedObject;
import io.mproc.ShortArray;
import io.mproc.ShortValue;
import io.mproc.internal.os.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One memory-mapped file of shared values and arrays. The coordinator creates it and is its owner, the only process
 * that allocates in it; its workers attach to it by path, find objects by name, and read and write them in place.
 * The layout is described by {@link SegmentLayout}.
 *
 * <p>A JVM maps each segment file once: {@link #attach} returns the segment this JVM already has for the file,
 * whether it created it or attached to it before. Likewise a segment hands out one object per name, so a
 * {@link io.mproc.LongValue} looked up twice, or received twice in task inputs, is the same Java object.
 *
 * <p>Closing a segment forgets it in this JVM, and the owner deletes its file so that no process can attach any
 * more. The memory stays mapped while objects from the segment are reachable in this JVM, which keep working: they
 * may still be read after a pool is closed, and unmapping under them would crash the JVM. The mapping goes when
 * the last of them is garbage collected, and the memory when every process has dropped its mapping.
 *
 * <p>Memory is reached through a {@link MemoryBuffer} (VarHandles over the mapped buffer), so a JVM needs no extra
 * option to create or attach to a segment.
 *
 * <p>Thread-safe.
 */
public final class SharedSegment implements AutoCloseable {

    /** For {@link #allocate}: the object has no lock. */
    static final int NO_LOCK = -1;
    /** For {@link #allocate}: the object has a lock of its own. */
    static final int OWN_LOCK = -2;

    /** The capacity of a pool's segment unless it says otherwise: 16 MiB. */
    public static final long DEFAULT_CAPACITY = 16L * 1024 * 1024;
    /** The smallest capacity: the header, the directory and room for one value, about 128 KiB. */
    public static final long MIN_CAPACITY = SegmentLayout.MIN_CAPACITY;
    /** The largest capacity, 2 GiB - 1: offsets into a segment are {@code int}s. */
    public static final long MAX_CAPACITY = SegmentLayout.MAX_CAPACITY;
    /** The most shared objects one segment holds. */
    public static final int MAX_OBJECTS = SegmentLayout.MAX_ENTRIES;
    /** The longest name of a shared object, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = SegmentLayout.MAX_NAME_LENGTH;

    private static final Path DEV_SHM = Path.of("/dev/shm");
    private static final Pattern FILE_NAME = Pattern.compile("mproc-(\\d+)-[0-9a-f]+\\.shm");
    private static final int MAX_NAMES_IN_MESSAGE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Path, SharedSegment> MAPPED = new ConcurrentHashMap<>();
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final boolean owner;
    private final MemoryBuffer buffer;
    private final long capacity;
    private final Map<String, AbstractSharedObject> objects = new ConcurrentHashMap<>();
    private int entriesRead;
    private volatile boolean closed;

    private SharedSegment(Path path, boolean owner, MemoryBuffer buffer) {
        this.path = path;
        this.owner = owner;
        this.buffer = buffer;
        this.capacity = buffer.capacity();
    }

    /**
     * Where a pool puts its segment: {@code /dev/shm} where it exists, is writable and has room for the capacity,
     * as it is memory; otherwise {@code java.io.tmpdir}.
     */
    public static Path defaultDirectory(long capacity) {
        return hasRoom(DEV_SHM, capacity) ? DEV_SHM : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Creates a segment file named {@code mproc-<pid>-<random>.shm} in the directory, readable and writable by this
     * user only, reserves all of its capacity and maps it. This process is its owner.
     *
     * @param capacity bytes, from {@link #MIN_CAPACITY} to {@link #MAX_CAPACITY}
     * @throws IllegalArgumentException if the capacity is outside those limits
     * @throws UncheckedIOException     if the file cannot be created or the directory has no room for it
     */
    public static SharedSegment create(Path directory, long capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("a shared-memory segment of " + capacity + " bytes is not possible:"
                    + " the capacity must be from " + MIN_CAPACITY + " to " + MAX_CAPACITY + " bytes");
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path file = directory.resolve("mproc-" + Processes.SELF + "-" + HexFormat.of().formatHex(random) + ".shm")
                .toAbsolutePath().normalize();
        MemoryBuffer buffer = reserveAndMap(file, capacity);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putLong(OWNER_PID_OFFSET, Processes.SELF);
        buffer.putLong(CAPACITY_OFFSET, capacity);
        buffer.putLong(ALLOCATED_OFFSET, DATA_OFFSET);
        buffer.putInt(ENTRY_COUNT_OFFSET, 0);
        buffer.putInt(MAX_ENTRIES_OFFSET, MAX_ENTRIES);
        buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
        SharedSegment segment = new SharedSegment(file, true, buffer);
        MAPPED.put(file, segment);
        return segment;
    }

    /**
     * Creates a segment as {@link #create} does, holding the objects of a {@link #snapshot} taken of another segment
     * (perhaps on another machine), with this process its owner.
     *
     * @throws IllegalArgumentException if the snapshot is not one of a segment, or does not fit the capacity
     */
    public static SharedSegment createFromSnapshot(Path directory, long capacity, byte[] snapshot) {
        MemoryBuffer image = MemoryBuffer.wrap(snapshot);
        if (snapshot.length < DATA_OFFSET || image.getInt(MAGIC_OFFSET) != MAGIC
                || image.getInt(VERSION_OFFSET) != VERSION || image.getLong(ALLOCATED_OFFSET) != snapshot.length) {
            throw new IllegalArgumentException("the " + snapshot.length + " bytes given are not a snapshot of a"
                    + " shared-memory segment of this mproc version");
        }
        if (snapshot.length > capacity) {
            throw new IllegalArgumentException("a snapshot of " + snapshot.length + " bytes does not fit a segment of "
                    + capacity + " bytes");
        }
        SharedSegment segment = create(directory, capacity);
        segment.buffer.putBytes(ALLOCATED_OFFSET, snapshot, ALLOCATED_OFFSET, snapshot.length - ALLOCATED_OFFSET);
        return segment;
    }

    /**
     * The segment of this file, mapped by this JVM if it was not already.
     *
     * @throws IllegalStateException if there is no such file, or it is not a segment this version of mproc reads
     */
    public static SharedSegment attach(Path file) {
        return MAPPED.computeIfAbsent(file.toAbsolutePath().normalize(), SharedSegment::map);
    }

    /**
     * Deletes the segment files in the directory whose owner process is no longer alive: those that a coordinator
     * killed before closing its pool left behind. Files of live processes and files not named as segments are left
     * alone.
     *
     * @return how many files were deleted
     */
    public static int removeStale(Path directory) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "mproc-*.shm")) {
            for (Path file : files) {
                Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                if (name.matches() && !Processes.isAlive(Long.parseLong(name.group(1))) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale shared-memory segments from " + directory, e);
        }
        return removed;
    }

    /** The segment file, an absolute path. */
    public Path path() {
        return path;
    }

    /** Whether this process created the segment, and so may allocate in it. */
    public boolean isOwner() {
        return owner;
    }

    /** The pid of the process that created the segment. */
    public long ownerPid() {
        return buffer.getLong(OWNER_PID_OFFSET);
    }

    /** The size of the segment in bytes, fixed at creation. */
    public long capacity() {
        return capacity;
    }

    /** The bytes of the capacity taken: the header, the directory and every object allocated so far. */
    public long bytesInUse() {
        return buffer.getLongVolatile(ALLOCATED_OFFSET);
    }

    /**
     * A copy of the bytes in use, from the header to the last object, for {@link #createFromSnapshot}. Objects
     * that change while the copy is taken may be copied in the middle of the change.
     */
    public byte[] snapshot() {
        byte[] bytes = new byte[(int) bytesInUse()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Allocates a {@code long} value set to {@code initial}.
     *
     * @param locked whether the value has a lock; false for Python's {@code RawValue}
     * @throws IllegalArgumentException if the name is taken, empty or longer than {@link #MAX_NAME_LENGTH} bytes in
     *                                  UTF-8
     * @throws IllegalStateException    if the segment is full or holds {@link #MAX_OBJECTS} already, is closed, or
     *                                  is not owned by this process
     */
    public LongValue newLongValue(String name, long initial, boolean locked) {
        return (LongValue) allocate(EntryType.LONG_VALUE, name, 1, locked ? OWN_LOCK : NO_LOCK, initial);
    }

    /** Allocates an {@code int} value set to {@code initial}; as {@link #newLongValue}. */
    public IntValue newIntValue(String name, int initial, boolean locked) {
        return (IntValue) allocate(EntryType.INT_VALUE, name, 1, locked ? OWN_LOCK : NO_LOCK, initial);
    }

    /** Allocates a {@code double} value set to {@code initial}; as {@link #newLongValue}. */
    public DoubleValue newDoubleValue(String name, double initial, boolean locked) {
        return (DoubleValue) allocate(EntryType.DOUBLE_VALUE, name, 1, locked ? OWN_LOCK : NO_LOCK,
                Double.doubleToRawLongBits(initial));
    }

    /** Allocates a {@code boolean} value set to {@code initial}; as {@link #newLongValue}. */
    public BooleanValue newBooleanValue(String name, boolean initial, boolean locked) {
        return (BooleanValue) allocate(EntryType.BOOLEAN_VALUE, name, 1, locked ? OWN_LOCK : NO_LOCK,
                SharedBooleanValue.toInt(initial));
    }

    /**
     * Allocates an array of {@code length} zeros.
     *
     * @param locked whether the array has a lock; false for Python's {@code RawArray}
     * @throws IllegalArgumentException if the length is not positive, or the name is taken, empty or longer than
     *                                  {@link #MAX_NAME_LENGTH} bytes in UTF-8
     * @throws IllegalStateException    if the segment is full or holds {@link #MAX_OBJECTS} already, is closed, or
     *                                  is not owned by this process
     */
    public ShortValue newShortValue(String name, short initial, boolean locked) {
        return (ShortValue) allocate(EntryType.SHORT_VALUE, name, 1, locked ? OWN_LOCK : NO_LOCK, initial);
    }

    public ShortArray newShortArray(String name, int length, boolean locked) {
        return (ShortArray) allocate(EntryType.SHORT_ARRAY, name, length, locked ? OWN_LOCK : NO_LOCK, 0L);
    }

    public ByteArray newByteArray(String name, int length, boolean locked) {
        return (ByteArray) allocate(EntryType.BYTE_ARRAY, name, length, locked ? OWN_LOCK : NO_LOCK, 0L);
    }

    public LongArray newLongArray(String name, int length, boolean locked) {
        return (LongArray) allocate(EntryType.LONG_ARRAY, name, length, locked ? OWN_LOCK : NO_LOCK, 0L);
    }

    /** Allocates an array of {@code length} zeros; as {@link #newLongArray}. */
    public IntArray newIntArray(String name, int length, boolean locked) {
        return (IntArray) allocate(EntryType.INT_ARRAY, name, length, locked ? OWN_LOCK : NO_LOCK, 0L);
    }

    /** Allocates an array of {@code length} zeros; as {@link #newLongArray}. */
    public DoubleArray newDoubleArray(String name, int length, boolean locked) {
        return (DoubleArray) allocate(EntryType.DOUBLE_ARRAY, name, length, locked ? OWN_LOCK : NO_LOCK, 0L);
    }

    /**
     * The value of that name, from any process.
     *
     * @throws IllegalArgumentException if the segment has no object of that name, or it is of another type
     * @throws IllegalStateException    if the segment is closed
     */
    public LongValue longValue(String name) {
        return (LongValue) find(name, EntryType.LONG_VALUE);
    }

    /** The value of that name; as {@link #longValue}. */
    public IntValue intValue(String name) {
        return (IntValue) find(name, EntryType.INT_VALUE);
    }

    /** The value of that name; as {@link #longValue}. */
    public DoubleValue doubleValue(String name) {
        return (DoubleValue) find(name, EntryType.DOUBLE_VALUE);
    }

    /** The value of that name; as {@link #longValue}. */
    public BooleanValue booleanValue(String name) {
        return (BooleanValue) find(name, EntryType.BOOLEAN_VALUE);
    }

    /** The array of that name; as {@link #longValue}. */
    public ShortValue shortValue(String name) {
        return (ShortValue) find(name, EntryType.SHORT_VALUE);
    }

    public ShortArray shortArray(String name) {
        return (ShortArray) find(name, EntryType.SHORT_ARRAY);
    }

    public ByteArray byteArray(String name) {
        return (ByteArray) find(name, EntryType.BYTE_ARRAY);
    }

    public LongArray longArray(String name) {
        return (LongArray) find(name, EntryType.LONG_ARRAY);
    }

    /** The array of that name; as {@link #longValue}. */
    public IntArray intArray(String name) {
        return (IntArray) find(name, EntryType.INT_ARRAY);
    }

    /** The array of that name; as {@link #longValue}. */
    public DoubleArray doubleArray(String name) {
        return (DoubleArray) find(name, EntryType.DOUBLE_ARRAY);
    }

    /** The object of that name whatever its type; as {@link #longValue}. */
    public SharedObject object(String name) {
        return find(name);
    }

    /**
     * Forgets the segment in this JVM; the owner also deletes the file. Objects already obtained from it keep
     * working in this JVM, see the class comment. Idempotent.
     *
     * @throws UncheckedIOException if the owner cannot delete the file
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MAPPED.remove(path, this);
        if (owner) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete shared-memory segment " + path, e);
            }
        }
    }

    @Override
    public String toString() {
        return "SharedSegment[" + path + ", owner pid " + ownerPid() + ", " + bytesInUse() + " of " + capacity
                + " bytes in use]";
    }

    MemoryBuffer buffer() {
        return buffer;
    }

    private static MemoryBuffer reserveAndMap(Path file, long capacity) {
        try {
            return MappedFiles.createReserved(file, capacity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a shared-memory segment of " + capacity + " bytes in "
                    + file.getParent() + ": " + e + "; check that the directory exists and has that much room, or"
                    + " make the pool's shared-memory size smaller", e);
        }
    }

    private static SharedSegment map(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("there is no shared-memory segment at " + file + ": the pool that"
                    + " created it has closed it, or it is on another machine", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shared-memory segment " + file, e);
        }
        if (size < MIN_CAPACITY || size > MAX_CAPACITY) {
            throw notASegment(file, "its size of " + size + " bytes is not a segment's");
        }
        MemoryBuffer buffer;
        try {
            buffer = MappedFiles.mapExisting(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map shared-memory segment " + file, e);
        }
        int magic = buffer.getIntAcquire(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw notASegment(file, String.format("it starts with 0x%08X instead of the magic 0x%08X", magic, MAGIC));
        }
        int version = buffer.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new IllegalStateException("shared-memory segment " + file + " has layout version " + version
                    + " but this mproc reads version " + VERSION + ": run the coordinator and its workers on the"
                    + " same mproc version");
        }
        if (buffer.getLong(CAPACITY_OFFSET) != size) {
            throw notASegment(file, "its header says " + buffer.getLong(CAPACITY_OFFSET) + " bytes but the file has "
                    + size);
        }
        return new SharedSegment(file, false, buffer);
    }

    /**
     * Makes an object whose lock is {@code lock}: {@link #NO_LOCK}, {@link #OWN_LOCK}, or the lock word of another
     * object of this segment (Python's {@code lock=}).
     */
    synchronized AbstractSharedObject allocate(EntryType type, String name, int length, int lock,
                                               long initialBits) {
        checkOpen();
        if (!owner) {
            throw new IllegalStateException("cannot create '" + name + "': only the process that created the"
                    + " shared-memory segment (pid " + ownerPid() + ") allocates in it");
        }
        byte[] nameBytes = checkName(name);
        if (length <= 0) {
            throw new IllegalArgumentException("cannot create " + type.apiName() + " '" + name + "' of length "
                    + length + ": the length must be at least 1");
        }
        AbstractSharedObject existing = objects.get(name);
        if (existing != null) {
            throw new IllegalArgumentException("cannot create " + type.apiName() + " '" + name + "': "
                    + existing.type().apiNameWithArticle() + " of that name already exists; give each shared object"
                    + " its own name");
        }
        int count = buffer.getInt(ENTRY_COUNT_OFFSET);
        if (count == MAX_ENTRIES) {
            throw new IllegalStateException("cannot create " + type.apiName() + " '" + name + "': the segment"
                    + " already holds the most shared objects it can, " + MAX_ENTRIES + "; use arrays rather than"
                    + " many values");
        }
        long allocated = buffer.getLong(ALLOCATED_OFFSET);
        long blockLength = SegmentLayout.blockLength(type, length);
        if (blockLength > capacity - allocated) {
            throw new IllegalStateException("shared memory is full: " + type.apiName() + " '" + name + "' needs "
                    + blockLength + " bytes but only " + (capacity - allocated) + " of " + capacity
                    + " bytes are left; raise the pool's shared-memory size");
        }
        int blockOffset = (int) allocated;
        if (type == EntryType.LONG_VALUE || type == EntryType.DOUBLE_VALUE) {
            buffer.putLong(blockOffset + VALUE_OFFSET, initialBits);
        } else if (!type.isArray()) {
            buffer.putInt(blockOffset + VALUE_OFFSET, (int) initialBits);
        }
        int entry = SegmentLayout.entryOffset(count);
        buffer.putInt(entry + ENTRY_TYPE_OFFSET, type.code());
        int lockWordOffset = lock == OWN_LOCK ? blockOffset + SegmentLayout.LOCK_OFFSET : lock;
        if (lock >= 0) {
            buffer.putInt(blockOffset + SegmentLayout.LOCK_REF_OFFSET, lock);
        }
        buffer.putInt(entry + ENTRY_FLAGS_OFFSET, lock == NO_LOCK ? 0
                : lock == OWN_LOCK ? FLAG_LOCKED : FLAG_LOCKED | SegmentLayout.FLAG_SHARED_LOCK);
        buffer.putInt(entry + ENTRY_BLOCK_OFFSET, blockOffset);
        buffer.putInt(entry + ENTRY_LENGTH_OFFSET, length);
        buffer.putInt(entry + ENTRY_NAME_LENGTH_OFFSET, nameBytes.length);
        buffer.putBytes(entry + ENTRY_NAME_OFFSET, nameBytes);
        buffer.putLongRelease(ALLOCATED_OFFSET, allocated + blockLength);
        buffer.putIntRelease(ENTRY_COUNT_OFFSET, count + 1);
        entriesRead = count + 1;
        AbstractSharedObject object = newObject(type, name, length, lockWordOffset, blockOffset);
        objects.put(name, object);
        return object;
    }

    AbstractSharedObject find(String name, EntryType type) {
        AbstractSharedObject object = find(name);
        if (object.type() != type) {
            throw new IllegalArgumentException("shared object '" + name + "' is "
                    + object.type().apiNameWithArticle() + ", not " + type.apiNameWithArticle() + "; look it up with "
                    + object.type().lookupMethod() + "(\"" + name + "\")");
        }
        return object;
    }

    private AbstractSharedObject find(String name) {
        checkOpen();
        AbstractSharedObject object = objects.get(name);
        return object != null ? object : readDirectory(name);
    }

    private synchronized AbstractSharedObject readDirectory(String name) {
        int count = buffer.getIntAcquire(ENTRY_COUNT_OFFSET);
        for (; entriesRead < count; entriesRead++) {
            int entry = SegmentLayout.entryOffset(entriesRead);
            EntryType type = EntryType.ofCode(buffer.getInt(entry + ENTRY_TYPE_OFFSET));
            int blockOffset = buffer.getInt(entry + ENTRY_BLOCK_OFFSET);
            int length = buffer.getInt(entry + ENTRY_LENGTH_OFFSET);
            int nameLength = buffer.getInt(entry + ENTRY_NAME_LENGTH_OFFSET);
            if (type == null || length <= 0 || nameLength <= 0 || nameLength > MAX_NAME_LENGTH
                    || blockOffset < DATA_OFFSET || blockOffset + SegmentLayout.blockLength(type, length) > capacity) {
                throw notASegment(path, "directory entry " + entriesRead + " is corrupt");
            }
            String entryName = buffer.getStringWithoutLengthUtf8(entry + ENTRY_NAME_OFFSET, nameLength);
            int flags = buffer.getInt(entry + ENTRY_FLAGS_OFFSET);
            int lockWordOffset = (flags & FLAG_LOCKED) == 0 ? NO_LOCK
                    : (flags & SegmentLayout.FLAG_SHARED_LOCK) != 0
                    ? buffer.getInt(blockOffset + SegmentLayout.LOCK_REF_OFFSET)
                    : blockOffset + SegmentLayout.LOCK_OFFSET;
            objects.put(entryName, newObject(type, entryName, length, lockWordOffset, blockOffset));
        }
        AbstractSharedObject object = objects.get(name);
        if (object == null) {
            List<String> names = new ArrayList<>(objects.keySet());
            names.sort(null);
            throw new IllegalArgumentException("there is no shared object named '" + name + "' in segment " + path
                    + "; it holds " + (names.isEmpty() ? "none"
                    : names.size() <= MAX_NAMES_IN_MESSAGE ? names.toString()
                    : names.subList(0, MAX_NAMES_IN_MESSAGE) + " and " + (names.size() - MAX_NAMES_IN_MESSAGE)
                    + " more"));
        }
        return object;
    }

    private AbstractSharedObject newObject(EntryType type, String name, int length, int lockWordOffset,
                                           int blockOffset) {
        return switch (type) {
            case LONG_VALUE -> new SharedLongValue(this, name, blockOffset, lockWordOffset);
            case INT_VALUE -> new SharedIntValue(this, name, blockOffset, lockWordOffset);
            case DOUBLE_VALUE -> new SharedDoubleValue(this, name, blockOffset, lockWordOffset);
            case BOOLEAN_VALUE -> new SharedBooleanValue(this, name, blockOffset, lockWordOffset);
            case LONG_ARRAY -> new SharedLongArray(this, name, blockOffset, length, lockWordOffset);
            case INT_ARRAY -> new SharedIntArray(this, name, blockOffset, length, lockWordOffset);
            case DOUBLE_ARRAY -> new SharedDoubleArray(this, name, blockOffset, length, lockWordOffset);
            case SHORT_VALUE -> new SharedShortValue(this, name, blockOffset, lockWordOffset);
            case SHORT_ARRAY -> new SharedShortArray(this, name, blockOffset, length, lockWordOffset);
            case BYTE_ARRAY -> new SharedByteArray(this, name, blockOffset, length, lockWordOffset);
        };
    }

    private static byte[] checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a shared object needs a name; the empty name is not one");
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the name '" + name + "' is " + bytes.length + " bytes in UTF-8,"
                    + " above the limit of " + MAX_NAME_LENGTH + "; use a shorter name");
        }
        return bytes;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shared-memory segment " + path + " is closed");
        }
    }

    private static boolean hasRoom(Path directory, long capacity) {
        try {
            return Files.isDirectory(directory) && Files.isWritable(directory)
                    && Files.getFileStore(directory).getUsableSpace() >= capacity;
        } catch (IOException e) {
            return false;
        }
    }


    private static IllegalStateException notASegment(Path file, String why) {
        return new IllegalStateException(file + " is not an mproc shared-memory segment: " + why);
    }

    private static void deleteQuietly(Path file, IOException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
