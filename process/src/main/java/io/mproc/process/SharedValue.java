package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Python's {@code manager.Value()}: one value held by a {@link Manager}, read and replaced from any of the
 * context's processes through this proxy, each call one atomic operation at the manager. The value is copied as
 * queue items are. Thread-safe.
 *
 * @param <T> the value's type
 */
public final class SharedValue<T> {

    private final ManagedRef ref;

    SharedValue(ManagedRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedValue<Object> attach(String handle) {
        return new SharedValue<>(ManagedRef.parse(handle));
    }

    /** The value now (Python's {@code .value}). */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) ref.call(Op.GET);
    }

    /** Replaces the value; returns the one it replaced. */
    @SuppressWarnings("unchecked")
    public T set(T value) {
        return (T) ref.call(Op.SET, value);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }

    @Override
    public String toString() {
        return "SharedValue[" + get() + "]";
    }
}
