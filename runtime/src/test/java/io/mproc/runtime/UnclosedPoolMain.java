package io.mproc.runtime;

import java.time.Duration;
import java.util.List;

/** A program that uses a pool and returns from main without closing it; prints its worker pids first. */
public final class UnclosedPoolMain {

    private UnclosedPoolMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Pool pool = Pool.builder().workers(2).build();
        List<Long> pids = pool.map(Tasks::pid, List.of(1, 2, 3, 4), 1);
        if (!pool.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the workers did not start within 30 s");
        }
        pool.workers().forEach(worker -> System.out.println("worker " + worker.pid()));
        System.out.println("returning after " + pids.size() + " tasks");
    }
}
