package io.mproc.process;

import io.mproc.internal.wire.MethodReference;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child JVM needs, sent on its standard input so that the token never shows in a process listing.
 *
 * @param name          the process's name
 * @param parentPid     the coordinator's pid
 * @param daemon        whether the child ends when the coordinator does
 * @param address       where the context's manager listens
 * @param token         the secret the manager asks for
 * @param reference     the target as an encoded {@link MethodReference}; empty for a Java-serialized target
 * @param target        the Java-serialized {@link ProcessTarget} (or 1, 2, 3); empty for a method reference
 * @param arguments     each argument, laid out by {@link Messages}
 */
record ChildBootstrap(String name, long parentPid, boolean daemon, String address, byte[] token,
                      byte[] reference, byte[] target, List<byte[]> arguments) {

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeLong(parentPid);
        out.writeBoolean(daemon);
        out.writeUTF(address);
        writeBytes(out, token);
        writeBytes(out, reference);
        writeBytes(out, target);
        out.writeInt(arguments.size());
        for (byte[] argument : arguments) {
            writeBytes(out, argument);
        }
        out.flush();
    }

    static ChildBootstrap read(DataInputStream in) throws IOException {
        String name = in.readUTF();
        long parentPid = in.readLong();
        boolean daemon = in.readBoolean();
        String address = in.readUTF();
        byte[] token = readBytes(in);
        byte[] reference = readBytes(in);
        byte[] target = readBytes(in);
        int count = in.readInt();
        List<byte[]> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arguments.add(readBytes(in));
        }
        return new ChildBootstrap(name, parentPid, daemon, address, token, reference, target, arguments);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
