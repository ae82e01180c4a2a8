package io.mproc.cluster;

import com.hazelcast.map.IMap;
import io.mproc.internal.launch.JvmCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The code a node can give its workers, by content hash: the entries of its own classpath, and jars that
 * coordinators put in the cluster's {@code mproc.code} map, kept in a directory of the node's. Thread-safe.
 */
final class CodeStore {

    private final Path directory;
    private final Supplier<IMap<String, byte[]>> cluster;
    private Map<String, Path> own;

    CodeStore(Path directory, Supplier<IMap<String, byte[]>> cluster) {
        this.directory = directory;
        this.cluster = cluster;
    }

    /** Whether the node's own classpath holds this content; hashed on first use. */
    synchronized boolean isOwn(String hash) {
        if (own == null) {
            own = Code.hashes(JvmCommand.ownClasspath().stream().map(Path::of).toList());
        }
        return own.containsKey(hash);
    }

    /** The hashes of {@code code} that are neither the node's own nor kept nor in the cluster now. */
    List<String> missing(List<String> code) {
        return code.stream().filter(hash -> !isOwn(hash) && jar(hash) == null).toList();
    }

    /**
     * A jar on this node with this content, taken from the cluster and checked against its hash if need be; null if
     * the cluster does not have it.
     */
    synchronized Path jar(String hash) {
        Path file = directory.resolve(hash + ".jar");
        if (Files.exists(file)) {
            return file;
        }
        byte[] jar = cluster.get().get(hash);
        if (jar == null) {
            return null;
        }
        if (!Code.sha256(jar).equals(hash)) {
            throw new IllegalStateException("the code " + hash + " in the cluster does not match its hash");
        }
        try {
            Files.createDirectories(directory);
            Path partial = Files.write(directory.resolve(hash + ".part"), jar);
            return Files.move(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the code " + hash + " in " + directory, e);
        }
    }
}
