package io.mproc.process;

/**
 * A program that starts a daemon child that would sleep for a minute, prints its pid, and returns from main without
 * joining it or closing its context.
 */
public final class DaemonChildMain {

    private DaemonChildMain() {
    }

    public static void main(String[] args) {
        MprocContext context = MprocContext.create();
        ChildProcess child = context.process(() -> Thread.sleep(60_000)).daemon(true).start();
        System.out.println("child " + child.pid());
    }
}
