package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.MprocContext;
import io.mproc.process.SharedQueue;
import java.time.Duration;

/** The seed's Queue example: a producer puts five items, a consumer started later takes them. */
public final class QueueProducerConsumer {

    private QueueProducerConsumer() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(Duration.ofSeconds(1));
    }

    public static void run(Duration pause) throws InterruptedException {
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            SharedQueue<Integer> q = context.queue();
            ChildProcess p1 = context.process(QueueProducerConsumer::producer, q, pause.toMillis());
            ChildProcess p2 = context.process(QueueProducerConsumer::consumer, q, pause.toMillis());
            p1.start();
            Thread.sleep(pause.multipliedBy(2).toMillis());
            p2.start();
            p1.join();
            p2.join();
            System.out.println("Queue processing complete.");
        }
    }

    static void producer(SharedQueue<Integer> q, Long pauseMillis) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.out.println("Producing: " + i + " Added");
            q.put(i);
            Thread.sleep(pauseMillis);
        }
    }

    static void consumer(SharedQueue<Integer> q, Long pauseMillis) throws InterruptedException {
        while (!q.isEmpty()) {
            int item = q.get();
            System.out.println("Consuming: " + item + " Taken");
            Thread.sleep(pauseMillis);
        }
    }
}
