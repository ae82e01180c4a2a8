package io.mproc.runtime;

import java.util.concurrent.TimeUnit;

/** A program that starts two spare workers, prints their pids once they wait, and returns without closing them. */
public final class SpareWorkersMain {

    private SpareWorkersMain() {
    }

    public static void main(String[] args) throws Exception {
        Pool.builder().workers(2).startSpareWorkers(2).started().get(60, TimeUnit.SECONDS);
        ProcessHandle.current().children().forEach(child -> System.out.println("spare " + child.pid()));
        System.out.println("returning");
    }
}
