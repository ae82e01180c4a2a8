package io.mproc;

/** How a pool's coordinator and its workers connect. */
public enum Transport {
    /** Unix domain sockets where the platform has them, TCP on the loopback interface otherwise. */
    AUTO,
    /** Unix domain sockets. */
    UNIX,
    /** TCP on the loopback interface. */
    TCP
}
