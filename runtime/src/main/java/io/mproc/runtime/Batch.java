package io.mproc.runtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Work submitted in one call (a map, a submit, a stream of imap inputs): a function, the input blocks not yet
 * fully sent, and where outcomes go. A block is released once it is sent and its chunks are finished. Owned by
 * the coordinator thread.
 */
final class Batch {

    final FunctionHandle function;
    final ResultSink sink;
    final int chunkSize;
    private final ArrayDeque<InputBlock> unsent = new ArrayDeque<>();
    private final Map<Long, Integer> crashes = new HashMap<>();
    private int undispatched;
    private int cursor;
    boolean queued;

    Batch(FunctionHandle function, ResultSink sink, int chunkSize) {
        this.function = function;
        this.sink = sink;
        this.chunkSize = chunkSize;
    }

    void append(InputBlock block) {
        if (block.count > 0) {
            unsent.add(block);
            undispatched += block.count;
        }
    }

    /** Items appended but not yet sent. */
    int undispatched() {
        return undispatched;
    }

    /** Items left to send in the block that dispatch is in. */
    int undispatchedInBlock() {
        return unsent.isEmpty() ? 0 : unsent.peek().count - cursor;
    }

    /** Cuts the next chunk of at most {@code size} items, from one block. */
    Chunk take(int size) {
        InputBlock block = unsent.peek();
        int n = Math.min(size, block.count - cursor);
        Chunk chunk = new Chunk(this, block, cursor, n);
        cursor += n;
        undispatched -= n;
        if (cursor == block.count) {
            unsent.poll();
            cursor = 0;
        }
        return chunk;
    }

    /** Records that the item's worker died while it ran; returns how many times that happened. */
    int crashed(long index) {
        return crashes.merge(index, 1, Integer::sum);
    }
}
