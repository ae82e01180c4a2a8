package io.mproc.internal.launch;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/** Reads what a serializable lambda or method reference would travel as, to tell what it calls. Internal to mproc. */
public final class SerializedLambdas {

    private SerializedLambdas() {
    }

    /** The serialized form of a serializable lambda or method reference; null for any other object. */
    public static SerializedLambda of(Object function) {
        if (!function.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(function) instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
