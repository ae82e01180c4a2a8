package io.mproc.worker;

import io.mproc.BiTaskFunction;
import io.mproc.TaskFunction;
import io.mproc.WorkerInitializer;
import io.mproc.internal.wire.FunctionDefinition;
import io.mproc.internal.wire.MethodReference;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A function rebuilt in the worker, with readers for its arguments; or the reason it could not be rebuilt. */
final class LoadedFunction {

    /** The function as the runner calls it: one argument, or an array of two for a two-argument function. */
    @FunctionalInterface
    private interface Invocation {
        Object invoke(Object argument) throws Throwable;
    }

    private final Invocation invocation;
    private final List<ValueCodec.Reader> argumentReaders;
    private final RemoteError loadError;

    private LoadedFunction(Invocation invocation, List<ValueCodec.Reader> argumentReaders, RemoteError loadError) {
        this.invocation = invocation;
        this.argumentReaders = argumentReaders;
        this.loadError = loadError;
    }

    static LoadedFunction load(FunctionDefinition definition) {
        try {
            Invocation invocation = instantiate(definition);
            List<ValueCodec.Reader> readers = definition.argumentTypes().stream().map(ValueCodec::readerFor).toList();
            return new LoadedFunction(invocation, readers, null);
        } catch (Exception | LinkageError e) {
            return new LoadedFunction(null, List.of(), RemoteError.of(
                    new IllegalStateException("the worker could not load the function: " + e, e)));
        }
    }

    /** Why the function could not be loaded, or null if it was. */
    RemoteError loadError() {
        return loadError;
    }

    /** Reads this function's argument(s) for the next item from the parser. */
    Object readArgument(JsonParser parser) {
        parser.nextToken();
        if (argumentReaders.size() == 1) {
            return argumentReaders.get(0).read(parser);
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("expected an array of " + argumentReaders.size() + " arguments");
        }
        Object[] arguments = new Object[argumentReaders.size()];
        for (int i = 0; i < arguments.length; i++) {
            parser.nextToken();
            arguments[i] = argumentReaders.get(i).read(parser);
        }
        parser.nextToken();
        return arguments;
    }

    /** Runs the function on an argument that {@link #readArgument} read. */
    Object apply(Object argument) throws Throwable {
        return invocation.invoke(argument);
    }

    /** Runs the function as a worker's initializer; what it throws is thrown as is, an odd {@link Throwable} wrapped. */
    void runAsInitializer() throws Exception {
        try {
            invocation.invoke(null);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    private static Invocation instantiate(FunctionDefinition definition) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return switch (definition.kind()) {
            case FunctionDefinition.METHOD_REFERENCE -> invocation(
                    MethodReference.decode(definition.body()).resolve(loader), definition.argumentTypes().size());
            case FunctionDefinition.BY_CLASS_NAME -> invocation(construct(
                    new String(definition.body(), StandardCharsets.UTF_8), loader));
            default -> invocation(deserialize(definition.body(), loader));
        };
    }

    private static Invocation invocation(MethodHandle handle, int arity) {
        return switch (arity) {
            case 0 -> argument -> handle.invokeExact();
            case 1 -> argument -> handle.invokeExact(argument);
            default -> argument -> {
                Object[] arguments = (Object[]) argument;
                return handle.invokeExact(arguments[0], arguments[1]);
            };
        };
    }

    @SuppressWarnings("unchecked")
    private static Invocation invocation(Object function) {
        if (function instanceof TaskFunction<?, ?> single) {
            return argument -> ((TaskFunction<Object, Object>) single).apply(argument);
        }
        if (function instanceof BiTaskFunction<?, ?, ?> pair) {
            return argument -> {
                Object[] arguments = (Object[]) argument;
                return ((BiTaskFunction<Object, Object, Object>) pair).apply(arguments[0], arguments[1]);
            };
        }
        WorkerInitializer initializer = (WorkerInitializer) function;
        return argument -> {
            initializer.initialize();
            return null;
        };
    }

    private static Object construct(String className, ClassLoader loader) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(className, true, loader).getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static Object deserialize(byte[] body, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(body), loader)) {
            return in.readObject();
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }
}
