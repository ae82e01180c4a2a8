package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Python's {@code manager.list()}: a list held by a {@link Manager}, used from any of the context's processes
 * through this proxy. Each method is one atomic operation at the manager; iteration and {@code toString} read
 * the list as it is at each step (Python's behaviour), {@link #copy()} reads it at once. Elements are copied as
 * queue items are, from this process too: a later change to an object added to the list does not change the list,
 * nor does a change to one read from it. Thread-safe.
 *
 * @param <E> the elements
 */
@JsonDeserialize(using = SharedList.Reader.class)
public final class SharedList<E> extends AbstractList<E> implements RandomAccess {

    private final ManagedRef ref;

    SharedList(ManagedRef ref) {
        this.ref = ref;
    }

    static SharedList<Object> attach(String handle) {
        return new SharedList<>(ManagedRef.parse(handle));
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) ref.call(Op.GET, index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E set(int index, E element) {
        return (E) ref.call(Op.SET, index, element);
    }

    /** Python's {@code append}. */
    @Override
    public boolean add(E element) {
        ref.call(Op.APPEND, element);
        return true;
    }

    @Override
    public void add(int index, E element) {
        ref.call(Op.INSERT, index, element);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E remove(int index) {
        return (E) ref.call(Op.REMOVE, index);
    }

    @Override
    public void clear() {
        ref.call(Op.CLEAR);
    }

    @Override
    public int size() {
        return (Integer) ref.call(Op.SIZE);
    }

    /** The whole list, read in one atomic operation. */
    @SuppressWarnings("unchecked")
    public List<E> copy() {
        return (List<E>) ref.call(Op.COPY);
    }

    @Override
    public String toString() {
        return copy().toString();
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }

    /** Reads a handle; Jackson's collection readers would otherwise ignore the creator. */
    static final class Reader extends StdDeserializer<SharedList<Object>> {
        Reader() {
            super(SharedList.class);
        }

        @Override
        public SharedList<Object> deserialize(JsonParser parser, DeserializationContext context) {
            return attach(parser.getString());
        }
    }
}
