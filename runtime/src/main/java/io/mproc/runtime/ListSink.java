package io.mproc.runtime;

import io.mproc.MprocException;
import java.util.List;

/** Collects a map's results in input order; completes with the list, or with the lowest-index failure. */
final class ListSink<R> implements ResultSink {

    final TaskFuture<List<R>> future = new TaskFuture<>();
    private final ResultList<R> results;
    private int remaining;
    private long firstErrorIndex = Long.MAX_VALUE;
    private MprocException firstError;

    ListSink(int size) {
        this.results = new ResultList<>(size);
        this.remaining = size;
        if (size == 0) {
            future.complete(List.of());
        }
    }

    @Override
    public void succeed(long index, Object value) {
        results.put((int) index, value);
        countDown();
    }

    @Override
    public void fail(long index, MprocException error) {
        if (index < firstErrorIndex) {
            firstErrorIndex = index;
            firstError = error;
        }
        countDown();
    }

    @Override
    public void failAll(MprocException error) {
        future.completeExceptionally(error);
    }

    @Override
    public boolean isClosed() {
        return future.isDone();
    }

    private void countDown() {
        if (--remaining == 0) {
            if (firstError != null) {
                future.completeExceptionally(firstError);
            } else {
                future.complete(results);
            }
        }
    }
}
