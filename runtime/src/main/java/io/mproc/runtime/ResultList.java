package io.mproc.runtime;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A map's results in input order, held in pages of {@value #PAGE_SIZE} instead of one array. An array of a large
 * map's size would be one of G1's humongous objects, allocated straight into the old generation; once the caller
 * drops it, it stays there until a concurrent cycle, and young collections keep every result it points to alive.
 * Pages are ordinary young objects that die with their results. Filled by the coordinator thread, then read-only:
 * the future that hands the list over publishes it. Serializes as an unmodifiable {@code ArrayList} copy, so that a
 * lambda may capture it as it could capture any list.
 */
final class ResultList<R> extends AbstractList<R> implements RandomAccess, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 4096;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_SIZE);

    private final Object[][] pages;
    private final int size;

    ResultList(int size) {
        this.size = size;
        this.pages = new Object[(size + PAGE_SIZE - 1) >>> PAGE_SHIFT][];
    }

    void put(int index, Object value) {
        int page = index >>> PAGE_SHIFT;
        Object[] items = pages[page];
        if (items == null) {
            items = pages[page] = new Object[Math.min(PAGE_SIZE, size - (page << PAGE_SHIFT))];
        }
        items[index & (PAGE_SIZE - 1)] = value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R get(int index) {
        Objects.checkIndex(index, size);
        Object[] items = pages[index >>> PAGE_SHIFT];
        return items == null ? null : (R) items[index & (PAGE_SIZE - 1)];
    }

    @Override
    public int size() {
        return size;
    }

    @Serial
    private Object writeReplace() {
        return Collections.unmodifiableList(new ArrayList<>(this));
    }
}
