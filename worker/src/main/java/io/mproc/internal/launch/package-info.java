/**
 * Starting child JVMs, shared by a pool's workers ({@code io.mproc.runtime}) and a context's processes
 * ({@code io.mproc.process}). {@link JvmCommand} is the command line (this runtime's {@code java}, mproc's default
 * flags, the user's options, the classpath), {@link LaunchedJvm} starts it with Commons Exec, writes its bootstrap
 * settings to its standard input and passes on its output lines, and {@link LaunchCapacity} refuses, before any starts,
 * a JVM count that the machine's memory cannot hold. {@link ClassDataSharing} records and maps a class-data sharing
 * archive per Java runtime and classpath to shorten start-up, {@link PrivateDirectories} makes the 0700 directories
 * that sockets and mapped files live in and removes those left by a dead owner, and {@link SerializedLambdas} tells
 * what a serializable lambda calls. The classes are thread-safe, and every thread a {@code LaunchedJvm} uses is a
 * daemon, so a running child never keeps its parent JVM from ending. Internal: used by mproc's own modules only; no
 * compatibility promise.
 */
package io.mproc.internal.launch;
