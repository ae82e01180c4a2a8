package io.mproc.internal.launch;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/** A child JVM's main class for {@link ClassDataSharingTest}: loads a few classes, says so, then reads its input. */
public final class ArchiveProbe {

    private ArchiveProbe() {
    }

    public static void main(String[] args) throws IOException {
        new ConcurrentHashMap<String, String>().put("loaded", "classes");
        System.out.println("ready");
        System.in.readAllBytes();
    }
}
