package io.mproc.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A function as it travels: how to rebuild it, the Jackson canonical types of its arguments and result, and the
 * bytes (a class name, a {@link MethodReference}, or a serialized lambda). Sent once per worker in a DEFINE frame,
 * or as the initializer in an INIT frame.
 */
public record FunctionDefinition(int id, byte kind, List<String> argumentTypes, String resultType, byte[] body) {

    /** The body is a class name; the worker calls its no-arg constructor. */
    public static final byte BY_CLASS_NAME = 1;
    /** The body is a Java-serialized lambda with what it captures. */
    public static final byte SERIALIZED = 2;
    /** The body is an encoded {@link MethodReference}: a lambda that captures nothing. */
    public static final byte METHOD_REFERENCE = 3;

    public FunctionDefinition {
        argumentTypes = List.copyOf(argumentTypes);
    }

    public void writeTo(FrameWriter out, byte frameType) {
        out.begin(frameType, kind, id).putByte((byte) argumentTypes.size());
        argumentTypes.forEach(type -> putString(out, type));
        putString(out, resultType);
        out.putInt(body.length).putBytes(body, 0, body.length).end();
    }

    public static FunctionDefinition read(long id, byte kind, ByteBuffer payload) {
        int arity = payload.get();
        List<String> argumentTypes = new ArrayList<>(arity);
        for (int i = 0; i < arity; i++) {
            argumentTypes.add(getString(payload));
        }
        String resultType = getString(payload);
        byte[] body = new byte[payload.getInt()];
        payload.get(body);
        return new FunctionDefinition((int) id, kind, argumentTypes, resultType, body);
    }

    private static void putString(FrameWriter out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length).putBytes(bytes, 0, bytes.length);
    }

    private static String getString(ByteBuffer payload) {
        byte[] bytes = new byte[payload.getInt()];
        payload.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
