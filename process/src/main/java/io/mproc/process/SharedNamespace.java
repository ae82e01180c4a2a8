package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** Deletes the attribute (Python's {@code del ns.name}); returns whether it was there. */
    public boolean delete(String name) {
        return (Boolean) ref.call(Op.DELETE, name);
    }

    /** The attributes and their values now, as Python prints a namespace: {@code Namespace(a=1, b='x')}. */
    @Override
    @SuppressWarnings("unchecked")
    public String toString() {
        Map<Object, Object> attributes = (Map<Object, Object>) ref.call(Op.COPY);
        return attributes.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ", "Namespace(", ")"));
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
