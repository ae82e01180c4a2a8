package io.mproc.cluster;

/** Checks of the host:port addresses users give. */
final class Addresses {

    private Addresses() {
    }

    /** {@code address} itself if it is host:port with a port from 1 to 65535. */
    static String requireHostAndPort(String address) {
        int colon = address.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException notANumber) {
                port = -1;
            }
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("'" + address + "' is not a node address: give host:port, such as "
                    + "10.0.0.5:5701");
        }
        return address;
    }
}
