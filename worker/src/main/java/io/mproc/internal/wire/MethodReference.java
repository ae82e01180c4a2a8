package io.mproc.internal.wire;

import io.mproc.internal.launch.SerializedLambdas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;

/**
 * A lambda or method reference that captures nothing, as the method it calls: rebuilt in the receiving JVM as a
 * method handle, without Java deserialization, whose first use in a JVM costs 30 ms or more (the serialization
 * filter's set-up looks for logging services through the whole classpath, and the lambda's class is spun anew). The
 * handle converts its arguments and result as the lambda does: cast to the types the lambda was instantiated with,
 * then unboxed or widened to the method's.
 *
 * @param owner        the binary name of the class that declares the method
 * @param kind         how the method is called, as {@link MethodHandleInfo} numbers it (static, virtual, interface,
 *                     or a constructor)
 * @param name         the method's name
 * @param descriptor   the method's descriptor
 * @param instantiated the descriptor of the lambda's method as instantiated (its generic types made concrete)
 */
public record MethodReference(String owner, int kind, String name, String descriptor, String instantiated) {

    /** {@code Math::abs} taken as a function from {@code Integer} to {@code Integer}: a reference for warming up. */
    public static final MethodReference ABSOLUTE_VALUE = new MethodReference(Math.class.getName(),
            MethodHandleInfo.REF_invokeStatic, "abs", "(I)I", "(Ljava/lang/Integer;)Ljava/lang/Integer;");

    /**
     * The method a serializable lambda or method reference calls, or null where it cannot travel as one: it is no
     * lambda, it captures values, or its method cannot be reached from here (as a receiving JVM would try).
     */
    public static MethodReference ofLambda(Object function) {
        SerializedLambda lambda = SerializedLambdas.of(function);
        return lambda == null ? null : reachable(lambda, function.getClass().getClassLoader());
    }

    /**
     * The method {@code lambda} calls, or null where it cannot travel as one: it captures values, calls its method
     * in another way, or the method cannot be reached through {@code loader} (as a receiving JVM would try).
     */
    public static MethodReference reachable(SerializedLambda lambda, ClassLoader loader) {
        MethodReference reference = of(lambda);
        if (reference == null) {
            return null;
        }
        try {
            reference.resolve(loader);
            return reference;
        } catch (ReflectiveOperationException | RuntimeException unreachable) {
            return null;
        }
    }

    /** The method a lambda calls, or null if the lambda captures values or calls its method in another way. */
    public static MethodReference of(SerializedLambda lambda) {
        int kind = lambda.getImplMethodKind();
        boolean callable = kind == MethodHandleInfo.REF_invokeStatic || kind == MethodHandleInfo.REF_invokeVirtual
                || kind == MethodHandleInfo.REF_invokeInterface || kind == MethodHandleInfo.REF_newInvokeSpecial;
        if (!callable || lambda.getCapturedArgCount() > 0) {
            return null;
        }
        return new MethodReference(lambda.getImplClass().replace('/', '.'), kind, lambda.getImplMethodName(),
                lambda.getImplMethodSignature(), lambda.getInstantiatedMethodType());
    }

    /**
     * The method as a handle that takes and returns {@code Object}s, one parameter per parameter of the lambda (a
     * {@code void} lambda returns null).
     *
     * @throws ReflectiveOperationException if the class or method cannot be found or reached through this loader
     */
    public MethodHandle resolve(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = Class.forName(owner, false, loader);
        MethodType method = MethodType.fromMethodDescriptorString(descriptor, loader);
        MethodHandles.Lookup lookup = lookupIn(type);
        MethodHandle target = switch (kind) {
            case MethodHandleInfo.REF_invokeStatic -> lookup.findStatic(type, name, method);
            case MethodHandleInfo.REF_newInvokeSpecial -> lookup.findConstructor(type, method);
            default -> lookup.findVirtual(type, name, method);
        };
        MethodType lambda = MethodType.fromMethodDescriptorString(instantiated, loader);
        return target.asType(lambda).asType(lambda.generic());
    }

    /**
     * Resolves and calls a small method reference, so that a JVM waiting for work sets up method handles ahead (some
     * milliseconds in a fresh JVM); nothing happens where that fails.
     */
    public static void warmUp() {
        try {
            ABSOLUTE_VALUE.resolve(ClassLoader.getSystemClassLoader()).invokeWithArguments(1);
        } catch (Throwable e) {
            // nothing prepared: the first method reference pays for it
        }
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(owner);
            out.writeByte(kind);
            out.writeUTF(name);
            out.writeUTF(descriptor);
            out.writeUTF(instantiated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MethodReference decode(byte[] body) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            return new MethodReference(in.readUTF(), in.readByte(), in.readUTF(), in.readUTF(), in.readUTF());
        }
    }

    /** A lookup that reaches the class's private methods (a lambda's body is one) where its module allows. */
    private static MethodHandles.Lookup lookupIn(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException notOpen) {
            return MethodHandles.publicLookup();
        }
    }
}
