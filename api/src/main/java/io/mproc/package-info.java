/**
 * The contracts applications compile against, loaded alike by the coordinator and by every worker JVM; the module
 * depends on nothing, so a function or a job can be built against it alone. Pool work is a {@link TaskFunction},
 * {@link BiTaskFunction} or {@link WorkerInitializer}, configured by {@link PoolSettings} and {@link Transport}; a job
 * is a {@link Job} that sees its run through {@link JobContext} and each task through {@link TaskContext}, and failures
 * are {@link MprocException}s such as {@link TaskFailedException} (carrying a {@link RemoteThrowable}),
 * {@link WorkerCrashedException} and {@link TaskTimeoutException}. Shared memory is reached through
 * {@link SharedObject} and its typed views ({@link LongValue}, {@link IntArray}, ...): single reads, writes and atomic
 * operations are safe from any thread of any process, while a compound update holds the object's robust lock as a
 * {@link LockHold}. A pool runs functions and initializers on its worker JVM's one task thread, and one {@code Job}
 * instance may serve several runs at once, so a job must keep no state. Public API: the types here are what users
 * implement, call and catch.
 */
package io.mproc;
