package io.mproc.process;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The proxy behind {@link Manager#register}: every call of an interface method runs on the object at the manager, as
 * one {@link Op#INVOKE}, and its result or exception comes back. {@code equals}, {@code hashCode} and
 * {@code toString} are the proxy's own. Travels as a {@link Handle}.
 */
final class ManagedInterface implements InvocationHandler {

    private final Class<?> api;
    private final ManagedRef ref;

    private ManagedInterface(Class<?> api, ManagedRef ref) {
        this.api = api;
        this.ref = ref;
    }

    /** What a proxy travels as: its interface and its object's handle at the manager. */
    record Handle(String api, String ref) {

        /** The working proxy this handle stands for, in this JVM. */
        Object toProxy() {
            try {
                return proxy(Class.forName(api, true, Thread.currentThread().getContextClassLoader()),
                        ManagedRef.parse(ref));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot rebuild a managed " + api + ": the interface is not on this"
                        + " JVM's class path", e);
            }
        }
    }

    static <T> T proxy(Class<T> api, ManagedRef ref) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                new ManagedInterface(api, ref)));
    }

    /** The handle of a proxy made here, or null for any other object. */
    static Handle handleOf(Object value) {
        if (value != null && Proxy.isProxyClass(value.getClass())
                && Proxy.getInvocationHandler(value) instanceof ManagedInterface managed) {
            return new Handle(managed.api.getName(), managed.ref.handle());
        }
        return null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0] || ref.handle().equals(handleRef(arguments[0]));
                case "hashCode" -> ref.handle().hashCode();
                default -> "Managed" + api.getSimpleName() + "[" + ref.handle() + "]";
            };
        }
        List<Object> call = new ArrayList<>();
        call.add(method.getName());
        call.add(Arrays.stream(method.getParameterTypes()).map(Class::getName).toList());
        if (arguments != null) {
            call.addAll(Arrays.asList(arguments));
        }
        return convert(ref.call(Op.INVOKE, call.toArray()), method.getReturnType());
    }

    /**
     * A number as the type a method declares: messages keep {@code int}, {@code long} and {@code double}, so a
     * {@code short}, {@code byte} or {@code float} comes back as one of those.
     */
    static Object convert(Object value, Class<?> type) {
        if (!(value instanceof Number number)) {
            return value;
        }
        if (type == int.class || type == Integer.class) {
            return number.intValue();
        }
        if (type == long.class || type == Long.class) {
            return number.longValue();
        }
        if (type == double.class || type == Double.class) {
            return number.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return number.floatValue();
        }
        if (type == short.class || type == Short.class) {
            return number.shortValue();
        }
        return type == byte.class || type == Byte.class ? number.byteValue() : value;
    }

    private static String handleRef(Object other) {
        Handle handle = handleOf(other);
        return handle == null ? null : handle.ref();
    }
}
