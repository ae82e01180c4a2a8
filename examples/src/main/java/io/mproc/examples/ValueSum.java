package io.mproc.examples;

import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.LockHold;
import io.mproc.process.ChildProcess;
import io.mproc.process.MprocContext;
import java.util.Arrays;

/** The seed's "Using Value": a shared array and a shared sum, updated under the value's lock. */
public final class ValueSum {

    private ValueSum() {
    }

    public static void main(String[] args) {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            IntArray list = context.sharedMemory().newIntArray("list_v", new int[] {1, 2, 3, 4});
            IntValue sum = context.sharedMemory().newIntValue("list_sum", 0);
            ChildProcess p1 = context.process(ValueSum::squareElements, list, sum);
            p1.start();
            p1.join();
            System.out.println("Array outside process: " + Arrays.toString(list.toArray()) + ", Sum: " + sum.get());
        }
    }

    static void squareElements(IntArray array, IntValue sum) {
        for (int index = 0; index < array.length(); index++) {
            array.set(index, array.get(index) * array.get(index));
            try (LockHold hold = sum.lock()) {
                sum.set(sum.get() + array.get(index));
            }
        }
        System.out.println("Array inside process: " + Arrays.toString(array.toArray()) + ", Sum: " + sum.get());
    }
}
