package io.mproc.runtime;

import io.mproc.BiTaskFunction;
import io.mproc.NotTransferableException;
import io.mproc.TaskFunction;
import io.mproc.WorkerInitializer;
import io.mproc.internal.launch.SerializedLambdas;
import io.mproc.internal.wire.FunctionDefinition;
import io.mproc.internal.wire.MethodReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JavaType;

/**
 * Turns functions into {@link FunctionDefinition}s, checking on the submitting thread that they can travel. The
 * same function object is turned only once, and equal functions (new instances of one class, lambdas that capture
 * equal values) share one definition, so a worker loads each once. Thread-safe.
 */
final class Functions {

    /** Distinct definitions kept for reuse, the least recently used dropped first. */
    private static final int DEFINITIONS_KEPT = 1024;

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Object, FunctionHandle> handles = Collections.synchronizedMap(new WeakHashMap<>());
    /** Guarded by itself. */
    private final Map<Content, FunctionHandle> byContent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Content, FunctionHandle> eldest) {
            return size() > DEFINITIONS_KEPT;
        }
    };

    FunctionHandle of(TaskFunction<?, ?> function) {
        return handles.computeIfAbsent(requireNonNull(function), f -> define(f, TaskFunction.class, 1));
    }

    FunctionHandle of(BiTaskFunction<?, ?, ?> function) {
        return handles.computeIfAbsent(requireNonNull(function), f -> define(f, BiTaskFunction.class, 2));
    }

    /** A callable as a function that ignores its input, returning what the callable declares it returns. */
    FunctionHandle ofCallable(Callable<?> callable) {
        requireSerializable(requireNonNull(callable), "Callable");
        return define(CallableTasks.of(callable), TaskFunction.class, 1, resultType(callable, Callable.class));
    }

    /** A runnable as a function that ignores its input and returns null. */
    FunctionHandle ofRunnable(Runnable runnable) {
        requireSerializable(requireNonNull(runnable), "Runnable");
        return define(CallableTasks.of(runnable), TaskFunction.class, 1, Void.class.getName());
    }

    FunctionHandle initializer(WorkerInitializer initializer) {
        return define(requireNonNull(initializer), WorkerInitializer.class, 0);
    }

    private FunctionHandle define(Object function, Class<?> contract, int arity) {
        return define(function, contract, arity, null);
    }

    /** {@code result} overrides the result type the function's own signature gives; null keeps it. */
    private FunctionHandle define(Object function, Class<?> contract, int arity, String result) {
        Class<?> type = function.getClass();
        SerializedLambda lambda = SerializedLambdas.of(function);
        List<String> signature;
        byte kind;
        byte[] body;
        if (lambda != null) {
            signature = lambdaSignature(lambda, type, arity);
            MethodReference reference = MethodReference.reachable(lambda, type.getClassLoader());
            kind = reference != null ? FunctionDefinition.METHOD_REFERENCE : FunctionDefinition.SERIALIZED;
            body = reference != null ? reference.encode() : serialize(function, lambda);
        } else {
            requireNoArgConstructor(type);
            signature = classSignature(type, contract, arity);
            kind = FunctionDefinition.BY_CLASS_NAME;
            body = type.getName().getBytes(StandardCharsets.UTF_8);
        }
        List<String> argumentTypes = List.copyOf(signature.subList(0, arity));
        String resultType = result != null ? result : signature.get(arity);
        synchronized (byContent) {
            return byContent.computeIfAbsent(new Content(kind, argumentTypes, resultType, ByteBuffer.wrap(body)),
                    content -> new FunctionHandle(new FunctionDefinition(ids.incrementAndGet(), kind, argumentTypes,
                            resultType, body)));
        }
    }

    /**
     * A lambda's signature, erased and with primitives boxed, as canonical type names. Those of erased classes are
     * their binary names, which databind reads back as the same types, so no type factory is made for them: that
     * took a fresh JVM's first pool 45-60 ms.
     */
    private static List<String> lambdaSignature(SerializedLambda lambda, Class<?> type, int arity) {
        MethodType method = MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(),
                type.getClassLoader()).wrap();
        String[] signature = new String[arity + 1];
        for (int i = 0; i < arity; i++) {
            signature[i] = method.parameterType(i).getName();
        }
        signature[arity] = method.returnType().getName();
        return Arrays.asList(signature);
    }

    /** A class's signature as its type arguments to {@code contract} give it, as canonical type names. */
    private static List<String> classSignature(Class<?> type, Class<?> contract, int arity) {
        JavaType[] parameters = Types.FACTORY.findTypeParameters(Types.FACTORY.constructType(type), contract);
        String[] signature = new String[arity + 1];
        for (int i = 0; i <= arity; i++) {
            signature[i] = i < parameters.length ? parameters[i].toCanonical() : Object.class.getName();
        }
        if (arity == 0) {
            signature[0] = Void.class.getName();
        }
        return Arrays.asList(signature);
    }

    private static byte[] serialize(Object function, SerializedLambda lambda) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(function);
        } catch (NotSerializableException e) {
            throw new NotTransferableException("cannot send the lambda " + describe(lambda) + " to a worker: it "
                    + "captures an object of class " + e.getMessage() + ", which is not Serializable. Capture only "
                    + "serializable values (make that class Serializable, or copy the fields you need into local "
                    + "variables), pass the object as an input, or implement the function as a named class with a "
                    + "no-arg constructor", e);
        } catch (IOException e) {
            throw new NotTransferableException("cannot send the lambda " + describe(lambda) + " to a worker: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** The result type a callable declares: its lambda's return type, or its class's type argument. */
    private static String resultType(Object callable, Class<?> contract) {
        SerializedLambda lambda = SerializedLambdas.of(callable);
        if (lambda != null) {
            return MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(),
                    callable.getClass().getClassLoader()).wrap().returnType().getName();
        }
        JavaType[] parameters = Types.FACTORY.findTypeParameters(Types.FACTORY.constructType(callable.getClass()),
                contract);
        return parameters.length == 1 ? parameters[0].toCanonical() : Object.class.getName();
    }

    private static void requireSerializable(Object task, String kind) {
        if (!(task instanceof Serializable)) {
            throw new NotTransferableException("cannot send the " + kind + " " + task.getClass().getName() + " to a"
                    + " worker JVM: it is not Serializable. Cast a lambda to (" + kind + (kind.equals("Callable")
                    ? "<T>" : "") + " & Serializable), or make the class Serializable", null);
        }
    }

    private static void requireNoArgConstructor(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass()) {
            throw new NotTransferableException("cannot send " + type.getName() + " to a worker: an anonymous or local"
                    + " class cannot be created in another JVM. Use a lambda or method reference, or a top-level or"
                    + " static nested class with a no-arg constructor", null);
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw new NotTransferableException("cannot send " + type.getName() + " to a worker: it is an inner class,"
                    + " whose instances need an enclosing instance. Declare it static", null);
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new NotTransferableException("cannot send " + type.getName() + " to a worker: it has no no-arg "
                    + "constructor, and a worker creates its own instance with one. Add a no-arg constructor, or use "
                    + "a lambda that captures the values the function needs", e);
        }
    }

    private static String describe(SerializedLambda lambda) {
        return lambda.getImplClass().replace('/', '.') + "::" + lambda.getImplMethodName();
    }

    private static <T> T requireNonNull(T function) {
        if (function == null) {
            throw new NullPointerException("function must not be null");
        }
        return function;
    }

    /** What makes two definitions equal: all but the id; the body compares by content. */
    private record Content(byte kind, List<String> argumentTypes, String resultType, ByteBuffer body) {
    }
}
