package io.mproc.runtime;

import io.mproc.MprocException;

/** The outcome of one submitted task. */
final class FutureSink<R> implements ResultSink {

    final TaskFuture<R> future = new TaskFuture<>();

    @Override
    @SuppressWarnings("unchecked")
    public void succeed(long index, Object value) {
        future.complete((R) value);
    }

    @Override
    public void fail(long index, MprocException error) {
        future.completeExceptionally(error);
    }

    @Override
    public void failAll(MprocException error) {
        future.completeExceptionally(error);
    }

    @Override
    public boolean isClosed() {
        return future.isDone();
    }
}
