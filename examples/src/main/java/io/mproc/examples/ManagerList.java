package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.MprocContext;
import io.mproc.process.SharedBarrier;
import io.mproc.process.SharedList;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The seed's server-process example: two processes square the elements of a managed list. Both wait at a
 * barrier and then walk a copy of the list, so the result does not depend on how far apart the two JVMs start
 * (in the seed, Python's processes start about together).
 */
public final class ManagerList {

    private ManagerList() {
    }

    public static void main(String[] args) {
        run(Duration.ofSeconds(1));
    }

    public static void run(Duration pause) {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            SharedList<Integer> records = context.manager().list(List.of(2, 3, 4, 5));
            SharedBarrier together = context.barrier(2);
            ChildProcess p1 = context.process(ManagerList::squareList, records, together, pause.toMillis());
            ChildProcess p2 = context.process(ManagerList::squareList, records, together, pause.toMillis());
            long start = System.nanoTime();
            p1.start();
            p2.start();
            p1.join();
            p2.join();
            System.out.println("Final List outside Process: " + records);
            System.out.printf(Locale.ROOT, "Total Execution Time: %.2f seconds%n", (System.nanoTime() - start) / 1e9);
        }
    }

    static void squareList(SharedList<Integer> records, SharedBarrier together, Long pauseMillis)
            throws InterruptedException {
        together.await();
        List<Integer> original = records.copy();
        for (int index = 0; index < original.size(); index++) {
            Thread.sleep(pauseMillis);
            records.set(index, original.get(index) * original.get(index));
            System.out.println("Process " + ProcessHandle.current().pid() + " modified index " + index + ": "
                    + records);
        }
    }
}
