package io.mproc.runtime;

import io.mproc.TaskFunction;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} or {@link Runnable} as a task function, for {@link PoolExecutorService}. The function ignores
 * its input and travels to workers Java-serialized with what it wraps, which must therefore be serializable. Tiny,
 * as a worker loads it to rebuild the function.
 */
final class CallableTasks {

    private CallableTasks() {
    }

    static TaskFunction<Object, Object> of(Callable<?> callable) {
        return ignored -> callable.call();
    }

    static TaskFunction<Object, Object> of(Runnable runnable) {
        return ignored -> {
            runnable.run();
            return null;
        };
    }
}
