package io.mproc.worker;

import io.mproc.BiTaskFunction;
import io.mproc.TaskFunction;
import io.mproc.WorkerInitializer;
import io.mproc.internal.wire.FunctionDefinition;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A function rebuilt in the worker, with readers for its arguments; or the reason it could not be rebuilt. */
final class LoadedFunction {

    private final Object function;
    private final List<ValueCodec.Reader> argumentReaders;
    private final RemoteError loadError;

    private LoadedFunction(Object function, List<ValueCodec.Reader> argumentReaders, RemoteError loadError) {
        this.function = function;
        this.argumentReaders = argumentReaders;
        this.loadError = loadError;
    }

    static LoadedFunction load(FunctionDefinition definition) {
        try {
            Object function = instantiate(definition);
            List<ValueCodec.Reader> readers = definition.argumentTypes().stream().map(ValueCodec::readerFor).toList();
            return new LoadedFunction(function, readers, null);
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

    @SuppressWarnings("unchecked")
    Object apply(Object argument) throws Exception {
        if (function instanceof TaskFunction<?, ?> single) {
            return ((TaskFunction<Object, Object>) single).apply(argument);
        }
        Object[] arguments = (Object[]) argument;
        return ((BiTaskFunction<Object, Object, Object>) function).apply(arguments[0], arguments[1]);
    }

    void runAsInitializer() throws Exception {
        ((WorkerInitializer) function).initialize();
    }

    private static Object instantiate(FunctionDefinition definition) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (definition.kind() == FunctionDefinition.BY_CLASS_NAME) {
            Class<?> type = Class.forName(new String(definition.body(), StandardCharsets.UTF_8), true, loader);
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(definition.body()), loader)) {
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
