/**
 * Helpers that every module's tests share, used in test scope only: {@link io.mproc.testing.ChildJvm} runs a class
 * in a second JVM with bounded waits and its output kept for failure messages. Internal: no compatibility promise.
 */
package io.mproc.testing;
