package io.mproc.process;

import io.mproc.internal.launch.SerializedLambdas;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A target that is a static method reference or a lambda capturing nothing, sent as the method it calls
 * ({@code class#name#descriptor}) rather than Java-serialized. A child then starts without Java deserialization,
 * whose first use costs tens of milliseconds (it looks for logging services through the whole classpath). The
 * child calls the method as the lambda would, with the same conversions of its arguments.
 */
final class StaticTarget {

    private static final String SEPARATOR = "#";

    private StaticTarget() {
    }

    /** The method the target calls, or null where the target is something else. */
    static String reference(Object target) {
        SerializedLambda lambda = SerializedLambdas.of(target);
        if (lambda == null || lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic
                || lambda.getCapturedArgCount() > 0) {
            return null;
        }
        return lambda.getImplClass().replace('/', '.') + SEPARATOR + lambda.getImplMethodName() + SEPARATOR
                + lambda.getImplMethodSignature();
    }

    /** Calls the referenced method; what it throws is thrown as is. */
    static void call(String reference, Object[] arguments) throws Throwable {
        String[] parts = reference.split(SEPARATOR, 3);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(parts[0], false, loader);
        Method method = type.getDeclaredMethod(parts[1],
                MethodType.fromMethodDescriptorString(parts[2], loader).parameterArray());
        method.setAccessible(true);
        try {
            method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
