package io.mproc.bench;

/**
 * One line of the bench table: mproc's figure, Python multiprocessing's and an in-process Java thread pool's, all
 * measured in the same run. {@code NaN} where a figure has no counterpart.
 *
 * @param higherIsBetter whether a bigger figure is better (rates) or worse (latencies, memory)
 * @param target         the figure the project aims for, as text
 */
record Row(String name, String unit, double mproc, double python, double threads, boolean higherIsBetter,
           String target) {

    /** How many times better mproc is than Python (above 1 is better, whichever way the unit points). */
    double versusPython() {
        return ratio(python);
    }

    /** How many times better mproc is than the thread pool. */
    double versusThreads() {
        return ratio(threads);
    }

    private double ratio(double other) {
        return higherIsBetter ? mproc / other : other / mproc;
    }
}
