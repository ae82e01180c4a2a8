package io.mproc.jobs;

import java.util.ArrayList;
import java.util.List;

/** Rows from {@code from} (inclusive) to {@code to} (exclusive) of an image or a matrix. */
public record Rows(int from, int to) {

    /** Cuts {@code rows} rows into at most {@code parts} bands of nearly equal height. */
    static List<Rows> bands(int rows, int parts) {
        int count = Math.max(1, Math.min(parts, rows));
        List<Rows> bands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bands.add(new Rows((int) ((long) rows * i / count), (int) ((long) rows * (i + 1) / count)));
        }
        return bands;
    }
}
