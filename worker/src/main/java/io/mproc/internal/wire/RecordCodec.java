package io.mproc.internal.wire;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Writes and reads a plain record without databind, in the shape databind gives it: a map from each component's
 * name to its value. Plain means: at least one component, each an {@code int}, {@code long}, {@code double},
 * {@code boolean} (or their boxes), {@code String}, {@code byte[]}, a {@code List} of boxes or strings,
 * {@code Map<String, String>} or a plain record;
 * no Jackson annotation on the record, the interfaces it implements, its components or its constructor; and no
 * other getter that databind would write. Either end may use databind for the same value, so the two must agree; a worker that meets only plain
 * records never builds databind's mapper, which takes a fresh JVM some 100 ms. Immutable; thread-safe.
 */
final class RecordCodec {

    private static final ClassValue<Optional<RecordCodec>> CODECS = new ClassValue<>() {
        @Override
        protected Optional<RecordCodec> computeValue(Class<?> type) {
            return Optional.ofNullable(make(type, new HashSet<>()));
        }
    };

    private final Class<?> type;
    private final String[] names;
    private final Method[] accessors;
    private final Value[] values;
    private final Object[] defaults;
    private final Constructor<?> constructor;

    private RecordCodec(Class<?> type, RecordComponent[] components, Value[] values, Constructor<?> constructor) {
        this.type = type;
        this.names = Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new);
        this.accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
        this.values = values;
        this.defaults = Arrays.stream(components).map(component -> defaultOf(component.getType())).toArray();
        this.constructor = constructor;
    }

    /** The codec of a plain record class; null for any other class. */
    static RecordCodec of(Class<?> type) {
        return type.isRecord() ? CODECS.get(type).orElse(null) : null;
    }

    /** The codec of the plain record class of that binary name, as this thread's class loader finds it; else null. */
    static RecordCodec forName(String className) {
        if (!className.matches("[\\w.$]+")) {
            return null;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return of(Class.forName(className, false, loader != null ? loader : RecordCodec.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    void write(JsonGenerator generator, Object record) {
        generator.writeStartObject(record, names.length);
        for (int i = 0; i < names.length; i++) {
            generator.writeName(names[i]);
            Object value;
            try {
                value = accessors[i].invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw rethrown(e);
            }
            if (value == null) {
                generator.writeNull();
            } else {
                values[i].write(generator, value);
            }
        }
        generator.writeEndObject();
    }

    /** Reads the record whose first token is the parser's current token; null for a null. */
    Object read(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, JsonToken.START_OBJECT, "a map");
        Object[] arguments = defaults.clone();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            int index = indexOf(parser.currentName());
            parser.nextToken();
            if (parser.currentToken() != JsonToken.VALUE_NULL) {
                arguments[index] = values[index].read(parser, this, names[index]);
            }
        }
        expect(parser, JsonToken.END_OBJECT, "the end of a map");
        try {
            return constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("record " + type.getName() + " has no component '" + name + "'");
    }

    private void expect(JsonParser parser, JsonToken token, String what) {
        if (parser.currentToken() != token) {
            throw mismatch(what, parser);
        }
    }

    private IllegalArgumentException mismatch(String expected, JsonParser parser) {
        return new IllegalArgumentException("cannot read record " + type.getName() + ": expected " + expected
                + ", found " + parser.currentToken());
    }

    private static RuntimeException rethrown(InvocationTargetException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    private static RecordCodec make(Class<?> type, Set<Class<?>> enclosing) {
        RecordComponent[] components = type.getRecordComponents();
        if (components.length == 0 || !enclosing.add(type) || annotatedTypes(type)
                || hasOtherGetters(type, components)) {
            return null;
        }
        Value[] values = new Value[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = valueOf(components[i], enclosing);
            if (values[i] == null || annotated(components[i]) || annotated(components[i].getAccessor())
                    || !components[i].getAccessor().trySetAccessible()) {
                return null;
            }
        }
        enclosing.remove(type);
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            boolean plain = !annotated(constructor)
                    && Arrays.stream(constructor.getParameters()).noneMatch(RecordCodec::annotated)
                    && Arrays.stream(type.getDeclaredFields()).noneMatch(RecordCodec::annotated)
                    && constructor.trySetAccessible();
            return plain ? new RecordCodec(type, components, values, constructor) : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Value valueOf(RecordComponent component, Set<Class<?>> enclosing) {
        Class<?> type = component.getType();
        Value scalar = Scalar.of(type);
        if (scalar != null) {
            return scalar;
        }
        Type[] arguments = component.getGenericType() instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments() : new Type[0];
        if (type == Map.class && Arrays.equals(arguments, new Type[] {String.class, String.class})) {
            return Scalar.STRING_MAP;
        }
        if (type == List.class && arguments.length == 1 && arguments[0] instanceof Class<?> element
                && !element.isPrimitive() && Scalar.of(element) != null && element != byte[].class) {
            return new ListOf(Scalar.of(element));
        }
        if (type.isRecord()) {
            RecordCodec nested = make(type, enclosing);
            return nested == null ? null : new Nested(nested);
        }
        return null;
    }

    /**
     * Whether the record, or an interface it implements or one of that interface's methods, carries a Jackson
     * annotation (type ids are one; databind also reads the annotations of the methods a record's accessors implement).
     */
    private static boolean annotatedTypes(Class<?> type) {
        return annotated(type) || Arrays.stream(type.getInterfaces()).anyMatch(face -> annotatedTypes(face)
                || Arrays.stream(face.getDeclaredMethods()).anyMatch(RecordCodec::annotated));
    }

    private static boolean annotated(AnnotatedElement element) {
        return Arrays.stream(element.getAnnotations()).map(annotation -> annotation.annotationType().getName())
                .anyMatch(name -> name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson."));
    }

    /** Whether databind would also write a property of a public {@code getX()} or {@code isX()} method. */
    private static boolean hasOtherGetters(Class<?> type, RecordComponent[] components) {
        List<String> accessors = Arrays.stream(components).map(RecordComponent::getName).toList();
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                        && method.getDeclaringClass() != Object.class && !accessors.contains(method.getName()))
                .map(Method::getName)
                .anyMatch(name -> name.length() > 3 && name.startsWith("get")
                        || name.length() > 2 && name.startsWith("is"));
    }

    private static Object defaultOf(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        return type == boolean.class ? Boolean.FALSE : type == int.class ? (Object) 0
                : type == long.class ? (Object) 0L : (Object) 0.0;
    }

    /** How one component's non-null value is written and read. */
    private interface Value {
        void write(JsonGenerator generator, Object value);

        /** Reads a non-null value; {@code codec} and {@code name} say where, should it be of another kind. */
        Object read(JsonParser parser, RecordCodec codec, String name);
    }

    private enum Scalar implements Value {
        INT {
            @Override
            public void write(JsonGenerator generator, Object value) {
                generator.writeNumber((Integer) value);
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                return check(parser, JsonToken.VALUE_NUMBER_INT, codec, name).getIntValue();
            }
        },
        LONG {
            @Override
            public void write(JsonGenerator generator, Object value) {
                generator.writeNumber((Long) value);
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                return check(parser, JsonToken.VALUE_NUMBER_INT, codec, name).getLongValue();
            }
        },
        DOUBLE {
            @Override
            public void write(JsonGenerator generator, Object value) {
                generator.writeNumber((Double) value);
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return parser.getDoubleValue();
                }
                return check(parser, JsonToken.VALUE_NUMBER_FLOAT, codec, name).getDoubleValue();
            }
        },
        BOOLEAN {
            @Override
            public void write(JsonGenerator generator, Object value) {
                generator.writeBoolean((Boolean) value);
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                if (!parser.currentToken().isBoolean()) {
                    throw codec.mismatch("a boolean for '" + name + "'", parser);
                }
                return parser.getBooleanValue();
            }
        },
        STRING {
            @Override
            public void write(JsonGenerator generator, Object value) {
                generator.writeString((String) value);
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                return check(parser, JsonToken.VALUE_STRING, codec, name).getString();
            }
        },
        BYTES {
            @Override
            public void write(JsonGenerator generator, Object value) {
                generator.writeBinary((byte[]) value);
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                return check(parser, JsonToken.VALUE_EMBEDDED_OBJECT, codec, name).getBinaryValue();
            }
        },
        STRING_MAP {
            @Override
            public void write(JsonGenerator generator, Object value) {
                Map<?, ?> map = (Map<?, ?>) value;
                generator.writeStartObject(map, map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeName((String) entry.getKey());
                    generator.writeString((String) entry.getValue());
                }
                generator.writeEndObject();
            }

            @Override
            public Object read(JsonParser parser, RecordCodec codec, String name) {
                check(parser, JsonToken.START_OBJECT, codec, name);
                Map<String, String> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, parser.currentToken() == JsonToken.VALUE_NULL ? null
                            : check(parser, JsonToken.VALUE_STRING, codec, name).getString());
                }
                return map;
            }
        };

        static Scalar of(Class<?> type) {
            if (type == int.class || type == Integer.class) {
                return INT;
            } else if (type == long.class || type == Long.class) {
                return LONG;
            } else if (type == double.class || type == Double.class) {
                return DOUBLE;
            } else if (type == boolean.class || type == Boolean.class) {
                return BOOLEAN;
            } else if (type == String.class) {
                return STRING;
            }
            return type == byte[].class ? BYTES : null;
        }

        private static JsonParser check(JsonParser parser, JsonToken token, RecordCodec codec, String name) {
            if (parser.currentToken() != token) {
                throw codec.mismatch(token + " for '" + name + "'", parser);
            }
            return parser;
        }
    }

    /** A list of scalars, read as an {@link ArrayList}, as databind reads it. */
    private record ListOf(Scalar element) implements Value {
        @Override
        public void write(JsonGenerator generator, Object value) {
            List<?> list = (List<?>) value;
            generator.writeStartArray(list, list.size());
            for (Object item : list) {
                if (item == null) {
                    generator.writeNull();
                } else {
                    element.write(generator, item);
                }
            }
            generator.writeEndArray();
        }

        @Override
        public Object read(JsonParser parser, RecordCodec codec, String name) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw codec.mismatch("a list for '" + name + "'", parser);
            }
            List<Object> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : element.read(parser, codec, name));
            }
            return list;
        }
    }

    /** A component that is itself a plain record. */
    private record Nested(RecordCodec codec) implements Value {
        @Override
        public void write(JsonGenerator generator, Object value) {
            codec.write(generator, value);
        }

        @Override
        public Object read(JsonParser parser, RecordCodec enclosing, String name) {
            return codec.read(parser);
        }
    }
}
