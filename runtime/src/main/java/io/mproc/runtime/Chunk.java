package io.mproc.runtime;

/** Consecutive items of one input block, sent to one worker in one TASK frame. Owned by the coordinator thread. */
final class Chunk {

    final Batch batch;
    final InputBlock block;
    final int start;
    final int count;
    long requestId;
    long estimatedNanos;
    WorkerConnection connection;

    Chunk(Batch batch, InputBlock block, int start, int count) {
        this.batch = batch;
        this.block = block;
        this.start = start;
        this.count = count;
    }

    long index(int item) {
        return block.firstIndex + start + item;
    }

    Chunk single(int item) {
        return new Chunk(batch, block, start + item, 1);
    }

    Chunk rest(int from) {
        return new Chunk(batch, block, start + from, count - from);
    }
}
