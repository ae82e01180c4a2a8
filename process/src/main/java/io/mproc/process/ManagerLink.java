package io.mproc.process;

/** How a proxy reaches its manager: directly in the coordinator's JVM, or over a socket from a child. */
@FunctionalInterface
interface ManagerLink {

    Reply call(Call call);
}
