package io.mproc.process;

/**
 * Who a process is, as Python's {@code multiprocessing.current_process()} tells it: its name ({@code "MainProcess"}
 * in a JVM that mproc did not start), its pid, and whether it is a daemon child.
 *
 * @param name   the name given to the {@link ChildProcess} before it started
 * @param pid    the operating system's process id
 * @param daemon whether the process ends when its parent does
 */
public record ProcessIdentity(String name, long pid, boolean daemon) {
}
