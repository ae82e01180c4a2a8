/**
 * The shared-memory segment behind {@code io.mproc}'s values and arrays: one memory-mapped file (under {@code /dev/shm}
 * where it exists) that a pool, a context or a job run creates and owns, and that its workers and child processes
 * attach to by path. {@link SharedSegment} creates and attaches to segments (one mapping per file per JVM) and hands
 * out one view per object, laid out as the package-private {@code SegmentLayout} draws it; the package-private views
 * ({@code SharedLongValue}, {@code SharedIntArray}, ...) implement the {@code io.mproc} interfaces over Agrona's
 * {@code MemoryBuffer}, each with a {@code RobustLock} that a waiter takes over from a dead holder.
 * {@link SharedMemoryModule} lets the objects travel in Jackson-encoded messages as handles naming the segment file and
 * the object. Only the owner allocates, publishing each entry with a release store of the entry count that readers load
 * with acquire; every {@code get} is a volatile read, every {@code set} a volatile write and the read-modify-writes are
 * atomic, so a view is shared by all threads of a JVM without locking. Every wait on shared memory, here and in
 * {@code io.mproc.process}, backs off as {@link Backoff} says: spin, yield, then park for up to 1 ms. Internal: used by
 * mproc's own modules only; no compatibility promise.
 */
package io.mproc.internal.shm;
