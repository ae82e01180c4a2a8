package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Python's {@code manager.dict()}: a map held by a {@link Manager}, used from any of the context's processes
 * through this proxy. {@code get}, {@code put}, {@code remove}, {@code containsKey}, {@code size} and
 * {@code clear} are each one atomic operation at the manager; {@link #entrySet()} is a copy read at once.
 * Keys and values are copied as queue items are. Thread-safe.
 *
 * @param <K> the keys
 * @param <V> the values
 */
@JsonDeserialize(using = SharedDict.Reader.class)
public final class SharedDict<K, V> extends AbstractMap<K, V> {

    private final ManagedRef ref;

    SharedDict(ManagedRef ref) {
        this.ref = ref;
    }

    static SharedDict<Object, Object> attach(String handle) {
        return new SharedDict<>(ManagedRef.parse(handle));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        return (V) ref.call("get", key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) ref.call("put", key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        return (V) ref.call("remove", key);
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) ref.call("containsKey", key);
    }

    @Override
    public int size() {
        return (Integer) ref.call("size");
    }

    @Override
    public void clear() {
        ref.call("clear");
    }

    /** A copy of the entries, read in one atomic operation. */
    @Override
    @SuppressWarnings("unchecked")
    public Set<Entry<K, V>> entrySet() {
        Map<K, V> copy = new LinkedHashMap<>();
        for (List<Object> entry : (List<List<Object>>) ref.call("entries")) {
            copy.put((K) entry.get(0), (V) entry.get(1));
        }
        return copy.entrySet();
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }

    /** Reads a handle; Jackson's collection readers would otherwise ignore the creator. */
    static final class Reader extends StdDeserializer<SharedDict<Object, Object>> {
        Reader() {
            super(SharedDict.class);
        }

        @Override
        public SharedDict<Object, Object> deserialize(JsonParser parser, DeserializationContext context) {
            return attach(parser.getString());
        }
    }
}
