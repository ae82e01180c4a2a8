package io.mproc.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The managers this JVM can reach, by address. */
final class ManagerLinks {

    private static final Map<String, ManagerLink> LINKS = new ConcurrentHashMap<>();

    private ManagerLinks() {
    }

    static void register(String address, ManagerLink link) {
        LINKS.put(address, link);
    }

    /** Registers the link unless this JVM reaches that manager already; whether it registered it. */
    static boolean registerIfAbsent(String address, ManagerLink link) {
        return LINKS.putIfAbsent(address, link) == null;
    }

    static void remove(String address) {
        LINKS.remove(address);
    }

    static ManagerLink of(String address) {
        ManagerLink link = LINKS.get(address);
        if (link == null) {
            throw new IllegalStateException("the manager at " + address + " cannot be reached from this JVM: its"
                    + " context is closed, or this JVM is not one of its processes");
        }
        return link;
    }
}
