/**
 * Python's {@code multiprocessing} building blocks across child JVMs, built beside the pool, not on it.
 * {@link MprocContext} makes them and owns their files and children: {@link ChildProcess}es running a
 * {@link ProcessTarget} (or {@link ProcessTarget1} to {@link ProcessTarget3}); {@link SharedQueue},
 * {@link SharedJoinableQueue}, {@link SharedSimpleQueue} and {@link Pipe}s of {@link Connection}s in memory-mapped
 * rings; {@link SharedLock}, {@link SharedSemaphore}, {@link SharedEvent} and {@link SharedBarrier}, in shared memory
 * or at the manager; and a {@link Manager} that also holds {@link SharedList}, {@link SharedDict},
 * {@link SharedNamespace} and {@link SharedCondition} in the coordinator. Messages are copied and arrive as the types
 * that were sent, and handles are per process, so {@code close()} closes only this process's handle; timeouts and
 * closed ends surface as {@link QueueEmptyException}, {@link QueueFullException}, {@link EndOfStreamException} and
 * {@link BarrierBrokenException}. The context, its processes, queues, synchronization objects and managed proxies are
 * thread-safe; each direction of a {@code Connection} is for one sending and one receiving thread at a time. Public
 * API: {@code MprocContext} and the types it hands out ({@link ChildMain} is public only as a child JVM's entry point);
 * the rings, manager channels and codecs ({@code Ring}, {@code ManagerServer}, {@code Messages}, ...) are
 * package-private.
 */
package io.mproc.process;
