package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.MprocContext;
import java.util.Arrays;

/** The seed's "Without Array": a plain array is copied to the child, so the parent's stays as it was. */
public final class ArrayWithoutSharing {

    private ArrayWithoutSharing() {
    }

    public static void main(String[] args) {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            int[] list = {1, 2, 3, 4};
            ChildProcess p1 = context.process(ArrayWithoutSharing::squareElements, list);
            p1.start();
            p1.join();
            System.out.println("Array outside process : " + Arrays.toString(list));
        }
    }

    static void squareElements(int[] array) {
        for (int index = 0; index < array.length; index++) {
            array[index] = array[index] * array[index];
        }
        System.out.println("Array inside process : " + Arrays.toString(array));
    }
}
