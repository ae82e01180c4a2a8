package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.MprocContext;
import java.time.Duration;

/** The seed's first example: two processes print three numbers each, a pause before each. */
public final class PrintNumbers {

    private PrintNumbers() {
    }

    public static void main(String[] args) {
        run(Duration.ofSeconds(1));
    }

    public static void run(Duration pause) {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            ChildProcess process1 = context.process(PrintNumbers::printNumbers, "process1", pause.toMillis());
            ChildProcess process2 = context.process(PrintNumbers::printNumbers, "process2", pause.toMillis());
            process1.start();
            process2.start();
            process1.join();
            process2.join();
        }
    }

    static void printNumbers(String process, Long pauseMillis) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            Thread.sleep(pauseMillis);
            System.out.println(process + " Number: " + i);
        }
    }
}
