package io.mproc.process;

import io.mproc.NotTransferableException;
import io.mproc.SharedObject;
import io.mproc.internal.wire.WireCodec;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.ObjectReader;

/**
 * Which classes a message may name, and Jackson's reader for each. A message carries the class of each
 * object in it (see {@link TypedValues}), so that a record arrives as the record; the receiver reads it with
 * Jackson as exactly that class, which Jackson then reads field by field with the declared field types (there is
 * no polymorphic type id inside an object, and no Java serialization).
 *
 * <p>A class may travel if it is a value class: a record, an enum or another concrete class (a bean) of the
 * application, not of the JDK; or one of the JDK's value classes (boxed numbers, strings, {@code java.time},
 * {@link UUID}, {@link URI}, {@link Date}, {@link Locale}, {@link Path}); or an array of those; or a proxy of this
 * package, or a shared value or array. The receiver loads a named class without initializing it and checks
 * the same rule before Jackson makes an instance; Jackson's own deny-list of known gadget classes applies as well.
 * The sender is a process of the same context (its rings and the manager's socket are in a directory only its
 * user may open), so this is a check against mistakes and confused types more than a security boundary.
 * Thread-safe.
 */
final class ValueClasses {

    private static final Set<Class<?>> JDK_VALUES = Set.of(Object.class, String.class, Boolean.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, Character.class, BigInteger.class,
            BigDecimal.class, UUID.class, URI.class, Date.class, Locale.class, Path.class);
    private static final Set<Class<?>> PROXIES = Set.of(SharedQueue.class, SharedSimpleQueue.class,
            SharedJoinableQueue.class,
            Connection.class, Pipe.class, SharedList.class, SharedDict.class, SharedNamespace.class,
            SharedLock.class, SharedSemaphore.class, SharedEvent.class, SharedCondition.class, SharedBarrier.class,
            SharedValue.class);
    private static final Set<Class<?>> CHECKED = ConcurrentHashMap.newKeySet();
    private static final Map<String, ObjectReader> READERS = new ConcurrentHashMap<>();

    private ValueClasses() {
    }

    /** The class a value travels as: its own, or the public type that reads it back. */
    static Class<?> travelClass(Object value) {
        if (value instanceof SharedObject) {
            return SharedObject.class;
        }
        if (value instanceof Enum<?> constant) {
            return constant.getDeclaringClass();
        }
        if (value instanceof Path) {
            return Path.class;
        }
        return value.getClass();
    }

    /** Whether the value is a proxy of this package: it travels as its handle, even if it is a list or a map. */
    static boolean isProxy(Object value) {
        return PROXIES.contains(value.getClass());
    }

    /**
     * Checks that values of this class may be sent.
     *
     * @throws NotTransferableException if the class is not a value class
     */
    static void requireMayTravel(Class<?> type) {
        if (!CHECKED.contains(type)) {
            if (!mayTravel(type)) {
                throw new NotTransferableException("cannot send a " + type.getName() + " to another process: only"
                        + " values travel (records, enums, beans, strings, numbers, java.time values, collections"
                        + " and maps of them) and mproc's queues, pipes, managed objects and shared values", null);
            }
            CHECKED.add(type);
        }
    }

    /**
     * The reader for values of the named class.
     *
     * @throws NotTransferableException if this JVM cannot load the class, or it is not a value class
     */
    static ObjectReader reader(String name) {
        ObjectReader reader = READERS.get(name);
        if (reader == null) {
            Class<?> type = load(name);
            if (!mayTravel(type)) {
                throw new NotTransferableException("a message names the class " + name + ", which is not a value"
                        + " class; refusing to make one", null);
            }
            reader = WireCodec.MAPPER.readerFor(type);
            READERS.put(name, reader);
        }
        return reader;
    }

    static boolean mayTravel(Class<?> type) {
        if (type.isArray()) {
            return mayTravel(type.getComponentType());
        }
        if (type.isPrimitive() || JDK_VALUES.contains(type) || type == SharedObject.class || PROXIES.contains(type)
                || type.getPackageName().equals("java.time")) {
            return true;
        }
        if (isJdk(type)) {
            return false;
        }
        return type.isRecord() || type.isEnum() || !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
    }

    private static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static Class<?> load(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, context != null ? context : ValueClasses.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new NotTransferableException("a message holds a " + name + ", which this JVM cannot load (" + e
                    + "); put the class on the classpath of every process of the context", e);
        }
    }
}
