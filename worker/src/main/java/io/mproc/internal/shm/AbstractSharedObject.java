package io.mproc.internal.shm;

import io.mproc.LockHold;
import io.mproc.SharedObject;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What every value and array view has: its segment, name, block and lock. A view reads and writes the segment's
 * memory directly and holds no state of its own, so one view per object per JVM is shared by all threads.
 */
abstract class AbstractSharedObject implements SharedObject {

    private static final Duration LONGEST_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

    final MemoryBuffer buffer;
    private final SharedSegment segment;
    private final String name;
    private final int lockWordOffset;
    private final RobustLock lock;

    /** A view whose lock word is at {@code lockWordOffset}: its own block's, another object's, or -1 for none. */
    AbstractSharedObject(SharedSegment segment, String name, int lockWordOffset) {
        this.segment = segment;
        this.buffer = segment.buffer();
        this.name = name;
        this.lockWordOffset = lockWordOffset;
        this.lock = lockWordOffset < 0 ? null : new RobustLock(buffer, lockWordOffset, name);
    }

    /** Where this object's lock word is, for objects made to share it; -1 for a raw object. */
    final int lockWordOffset() {
        return lockWordOffset;
    }

    abstract EntryType type();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean hasLock() {
        return lock != null;
    }

    @Override
    public final LockHold lock() {
        return requireLock().lock();
    }

    @Override
    public final LockHold tryLock(Duration timeout) {
        return requireLock().tryLock(timeout.compareTo(LONGEST_TIMEOUT) >= 0 ? Long.MAX_VALUE : timeout.toNanos());
    }

    final SharedSegment segment() {
        return segment;
    }

    final IndexOutOfBoundsException indexOutOfBounds(int index, int length) {
        return new IndexOutOfBoundsException("index " + index + " is out of bounds for " + type().apiName() + " '"
                + name + "' of length " + length);
    }

    final IndexOutOfBoundsException rangeOutOfBounds(int offset, int count, int length) {
        return new IndexOutOfBoundsException("cannot copy " + count + " elements to index " + offset + " of "
                + type().apiName() + " '" + name + "' of length " + length + ": the range must lie within [0, "
                + length + ")");
    }

    private RobustLock requireLock() {
        if (lock == null) {
            throw new IllegalStateException(type().apiName() + " '" + name + "' was created raw, without a lock;"
                    + " create it with a lock to use lock(), or guard it some other way");
        }
        return lock;
    }

    /**
     * Copies {@code bytes} from a Java array of primitives into the segment at {@code at}. The JDK's bulk
     * buffer copy moves aligned memory in whole elements, so each element is written atomically; the fence then
     * makes the range visible to other processes as a volatile write would.
     */
    final void copyIn(Object array, int bytes, int at) {
        ByteBuffer target = buffer.slice(at, bytes);
        if (array instanceof long[] longs) {
            target.asLongBuffer().put(longs, 0, bytes / Long.BYTES);
        } else if (array instanceof double[] doubles) {
            target.asDoubleBuffer().put(doubles, 0, bytes / Double.BYTES);
        } else if (array instanceof short[] shorts) {
            target.asShortBuffer().put(shorts, 0, bytes / Short.BYTES);
        } else if (array instanceof byte[] data) {
            target.put(data, 0, bytes);
        } else {
            target.asIntBuffer().put((int[]) array, 0, bytes / Integer.BYTES);
        }
        VarHandle.fullFence();
    }

    /** Copies {@code bytes} from the segment at {@code at} into a Java array after a fence, each element atomically. */
    final void copyOut(int at, Object array, int bytes) {
        VarHandle.fullFence();
        ByteBuffer source = buffer.slice(at, bytes);
        if (array instanceof long[] longs) {
            source.asLongBuffer().get(longs, 0, bytes / Long.BYTES);
        } else if (array instanceof double[] doubles) {
            source.asDoubleBuffer().get(doubles, 0, bytes / Double.BYTES);
        } else if (array instanceof short[] shorts) {
            source.asShortBuffer().get(shorts, 0, bytes / Short.BYTES);
        } else if (array instanceof byte[] data) {
            source.get(data, 0, bytes);
        } else {
            source.asIntBuffer().get((int[]) array, 0, bytes / Integer.BYTES);
        }
    }
}
