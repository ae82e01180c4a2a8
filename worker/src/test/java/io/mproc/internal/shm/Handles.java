package io.mproc.internal.shm;

import io.mproc.DoubleArray;
import io.mproc.LongValue;

/** A task input holding shared objects, as a user would declare one. */
record Handles(LongValue counter, DoubleArray samples) {
}
