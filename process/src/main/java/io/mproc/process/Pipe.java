package io.mproc.process;

/**
 * Python's {@code multiprocessing.Pipe()}: two connected {@link Connection}s. In a duplex pipe both ends send and
 * receive; in a one-way pipe {@code first} only receives and {@code second} only sends, as in Python.
 *
 * @param first  Python's {@code conn1}
 * @param second Python's {@code conn2}
 */
public record Pipe(Connection first, Connection second) {
}
