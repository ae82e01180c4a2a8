package io.mproc.process;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * The addresses a {@link Listener} takes: {@code unix:/path/to/socket}, or {@code tcp:host:port} (port 0 for any
 * free one). Stateless.
 */
final class SocketAddresses {

    private static final String UNIX = "unix:";
    private static final String TCP = "tcp:";

    private SocketAddresses() {
    }

    static SocketAddress parse(String address) {
        if (address.startsWith(UNIX)) {
            return UnixDomainSocketAddress.of(Path.of(address.substring(UNIX.length())));
        }
        if (address.startsWith(TCP)) {
            String hostPort = address.substring(TCP.length());
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0) {
                try {
                    return new InetSocketAddress(hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    throw invalid(address);
                }
            }
        }
        throw invalid(address);
    }

    static StandardProtocolFamily family(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
    }

    static String format(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return UNIX + unix.getPath();
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return TCP + inet.getHostString() + ":" + inet.getPort();
    }

    private static IllegalArgumentException invalid(String address) {
        return new IllegalArgumentException("'" + address + "' is not an address mproc listens on: use"
                + " unix:/path/to/socket, or tcp:host:port (tcp:127.0.0.1:0 for any free port)");
    }
}
