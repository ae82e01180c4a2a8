package io.mproc.runtime;

import java.util.List;

/** A coordinator JVM for tests that kill it: builds a pool, prints its worker pids and address, then waits. */
public final class CoordinatorMain {

    private CoordinatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Pool pool = Pool.builder().workers(2).build();
        List<Long> pids = pool.map(Tasks::pid, List.of(1, 2, 3, 4), 1);
        while (pool.workers().size() < 2) {
            Thread.sleep(10);
        }
        System.out.println("address " + pool.address());
        pool.workers().forEach(worker -> System.out.println("worker " + worker.pid()));
        System.out.println("ready " + pids.size());
        Thread.sleep(Long.MAX_VALUE);
    }
}
