/**
 * Facts about operating-system processes by pid, for code that must tell whether another process of a pool or context
 * still runs. {@link Processes#isAlive(long)}, which counts a zombie as ended, decides when a robust lock is taken over
 * from a dead holder, when a ring's end is released, when a worker exits after its coordinator, and which files and
 * directories left by killed owners are removed; {@link Processes#SELF} is this JVM's pid. Stateless and safe from any
 * thread. Internal: used by mproc's own modules only; no compatibility promise.
 */
package io.mproc.internal.os;
