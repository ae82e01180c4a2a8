package io.mproc.examples;

import io.mproc.IntArray;
import io.mproc.process.ChildProcess;
import io.mproc.process.MprocContext;
import java.util.Arrays;

/** The seed's "With Array": a shared array is the same memory in both processes. */
public final class ArrayWithSharing {

    private ArrayWithSharing() {
    }

    public static void main(String[] args) {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            IntArray list = context.sharedMemory().newIntArray("list_v", new int[] {1, 2, 3, 4});
            ChildProcess p1 = context.process(ArrayWithSharing::squareElements, list);
            p1.start();
            p1.join();
            System.out.println("Array outside process : " + Arrays.toString(list.toArray()));
        }
    }

    static void squareElements(IntArray array) {
        for (int index = 0; index < array.length(); index++) {
            array.set(index, array.get(index) * array.get(index));
        }
        System.out.println("Array inside process : " + Arrays.toString(array.toArray()));
    }
}
