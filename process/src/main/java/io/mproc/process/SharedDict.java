package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
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
 * {@code clear} are each one atomic operation at the manager; {@link #copy()} reads the whole dict at once.
 * Keys keep their insertion order, and an iteration fails if keys are added or removed meanwhile, as in Python
 * (see {@link #entrySet()}). Keys and values are copied as queue items are, from this process too: a later change
 * to an object put in the dict does not change the dict, nor does a change to one read from it. Thread-safe.
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
        return (V) ref.call(Op.GET, key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) ref.call(Op.PUT, key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        return (V) ref.call(Op.REMOVE, key);
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) ref.call(Op.CONTAINS_KEY, key);
    }

    /**
     * Removes and returns the entry added last (Python's {@code popitem()}), in one atomic operation.
     *
     * @throws java.util.NoSuchElementException if the dict is empty
     */
    @SuppressWarnings("unchecked")
    public Entry<K, V> popItem() {
        List<Object> pair = (List<Object>) ref.call(Op.POP_ITEM);
        return new SimpleImmutableEntry<>((K) pair.get(0), (V) pair.get(1));
    }

    @Override
    public int size() {
        return (Integer) ref.call(Op.SIZE);
    }

    @Override
    public void clear() {
        ref.call(Op.CLEAR);
    }

    /**
     * The entries in insertion order, as in Python. An iteration reads a copy of the dict in one atomic operation
     * when it starts; as in Python, its next step then fails with {@link ConcurrentModificationException} if a key
     * was added or removed meanwhile, from any process (a new value for a key is no change). Each step asks the
     * manager. The entries are copies: {@code setValue} and the iterator's {@code remove} are not supported.
     */
    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Entries();
            }

            @Override
            public int size() {
                return SharedDict.this.size();
            }
        };
    }

    /** The whole dict, in insertion order, read in one atomic operation. */
    @SuppressWarnings("unchecked")
    public Map<K, V> copy() {
        return (Map<K, V>) ref.call(Op.COPY);
    }

    @Override
    public String toString() {
        return copy().toString();
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }

    /** Iterates over a copy, failing once the dict's keys changed since the copy was read. */
    private final class Entries implements Iterator<Entry<K, V>> {

        private final long keysVersion;
        private final Iterator<Entry<K, V>> copy;

        @SuppressWarnings("unchecked")
        Entries() {
            List<Object> state = (List<Object>) ref.call(Op.ITERATE);
            keysVersion = (Long) state.get(0);
            copy = ((Map<K, V>) state.get(1)).entrySet().iterator();
        }

        @Override
        public boolean hasNext() {
            return copy.hasNext();
        }

        @Override
        public Entry<K, V> next() {
            if ((Long) ref.call(Op.KEYS_VERSION) != keysVersion) {
                throw new ConcurrentModificationException("the dict's keys changed during the iteration; iterate"
                        + " over copy() to read it as it was");
            }
            return new SimpleImmutableEntry<>(copy.next());
        }
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
