package io.mproc.runtime;

import io.mproc.MprocException;

/** Where the outcomes of one batch go. Called on the coordinator thread only. */
interface ResultSink {

    void succeed(long index, Object value);

    void fail(long index, MprocException error);

    /** Fails every item without an outcome yet, and closes the sink. Later outcomes are ignored. */
    void failAll(MprocException error);

    /** True once no more outcomes are wanted (all delivered, failed as a whole, or cancelled). */
    boolean isClosed();
}
