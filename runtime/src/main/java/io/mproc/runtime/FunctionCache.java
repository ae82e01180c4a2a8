package io.mproc.runtime;

/**
 * Which functions a worker holds, mirroring its least-recently-used cache of {@link #capacity} entries: both sides
 * touch ids in the same order, so the coordinator knows without asking when a DEFINE must be sent again. An
 * {@code int} array in recency order, the most recent last, so a touch allocates nothing. Owned by the
 * coordinator thread.
 */
final class FunctionCache {

    private final int[] ids;
    private int size;

    FunctionCache(int capacity) {
        ids = new int[capacity];
    }

    /** Whether the worker holds the function now; changes nothing. */
    boolean contains(int id) {
        for (int i = size - 1; i >= 0; i--) {
            if (ids[i] == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks {@code id} the most recently used, adding it (and evicting the least recently used when full) if absent.
     *
     * @return whether it was present, that is, whether the worker still holds the function
     */
    boolean touch(int id) {
        for (int i = size - 1; i >= 0; i--) {
            if (ids[i] == id) {
                System.arraycopy(ids, i + 1, ids, i, size - 1 - i);
                ids[size - 1] = id;
                return true;
            }
        }
        if (size == ids.length) {
            System.arraycopy(ids, 1, ids, 0, size - 1);
        } else {
            size++;
        }
        ids[size - 1] = id;
        return false;
    }
}
