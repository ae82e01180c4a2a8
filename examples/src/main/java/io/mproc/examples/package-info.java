/**
 * The seed tutorial's Python {@code multiprocessing} examples, written on {@code io.mproc.process}: processes that
 * print, an array with and without sharing, a shared value under its lock, a manager's list, a queue and a pipe. Each
 * is a class with a {@code main}, such as {@link PrintNumbers} or {@link QueueProducerConsumer}, that prints what the
 * Python version prints; {@link SeedExample} names them for {@code mproc example <name>}, which runs one on the calling
 * thread. Internal: sample code to read and run, used by mproc's command line only; no compatibility promise.
 */
package io.mproc.examples;
