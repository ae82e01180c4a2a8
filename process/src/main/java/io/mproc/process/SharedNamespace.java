package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Python's {@code manager.Namespace()}: named attributes held by a {@link Manager}. Each {@code get} and
 * {@code set} is one atomic operation at the manager. Thread-safe.
 */
public final class SharedNamespace {

    private final ManagedRef ref;

    SharedNamespace(ManagedRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedNamespace attach(String handle) {
        return new SharedNamespace(ManagedRef.parse(handle));
    }

    /** The attribute's value; null if it was never set. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return (T) ref.call(Op.GET, name);
    }

    public void set(String name, Object value) {
        ref.call(Op.PUT, name, value);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
