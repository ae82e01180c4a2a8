package io.mproc.process;

/** How a context starts its children's JVMs. */
public enum StartMethod {

    /** A new JVM for each child, started when the child is (Python's {@code spawn}). */
    SPAWN,

    /**
     * One JVM kept started and waiting: a child's start hands it the child's settings, and the next spare starts in
     * the background. A start then costs a handshake instead of a JVM start, at the price of one idle JVM while the
     * context is open (Python's {@code forkserver} plays this part).
     */
    SPARE
}
