package io.mproc.process;

import io.mproc.NotTransferableException;
import io.mproc.internal.shm.MemoryBuffer;
import io.mproc.internal.wire.WireCodec;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * The layout of the values that are not scalars of {@link Messages}: collections, maps and other objects, as
 * CBOR in which each value says its type, so that a message arrives as the types that were sent, however they nest
 * or mix (a {@code List<Point>}, a {@code Map<Point, List<Segment>>}, a list of a record and a string). After the
 * tag byte {@link #TYPED}, one value of CBOR:
 * <ul>
 *   <li>null, booleans, integers, doubles, strings and byte arrays as CBOR's own; a long with the tag {@link #LONG}
 *       (so that it does not come back as an integer);</li>
 *   <li>a collection: an array, tagged with its kind ({@link #ARRAY_LIST}...), of its elements;</li>
 *   <li>a map: an array, tagged with its kind ({@link #LINKED_HASH_MAP}...), of each key followed by its value
 *       (so keys of any type keep it);</li>
 *   <li>any other object (a record, bean, enum, array, proxy...): an array tagged {@link #OBJECT} of its class, then
 *       the object as Jackson writes it, read back by Jackson as that class (see {@link ValueClasses}). The class is
 *       its name the first time a message names it, then the index of that first time among the message's
 *       classes.</li>
 * </ul>
 * A list arrives as an {@link ArrayList} (a {@link LinkedList} as one), a set as a {@link LinkedHashSet} (a
 * {@link HashSet} as one, a naturally ordered {@link SortedSet} as a {@link TreeSet}), a map as a
 * {@link LinkedHashMap} (a {@link HashMap} as one, a naturally ordered {@link SortedMap} as a {@link TreeMap}).
 * A queue, pipe connection or managed list or dict is an object: it travels as its handle and arrives as a
 * working proxy. Inside an object, Jackson reads each field as its declared type, so a field declared as
 * {@code Object} or as an interface arrives as Jackson's natural types (maps, lists, strings, numbers).
 */
final class TypedValues {

    /** The tag byte of {@link Messages} for these values. */
    static final byte TYPED = 5;

    private static final int LONG = 6;
    static final int OBJECT = 7;
    private static final int ARRAY_LIST = 8;
    private static final int LINKED_LIST = 9;
    private static final int LINKED_HASH_SET = 10;
    private static final int HASH_SET = 11;
    private static final int TREE_SET = 12;
    private static final int LINKED_HASH_MAP = 13;
    private static final int HASH_MAP = 14;
    private static final int TREE_MAP = 15;

    private TypedValues() {
    }

    /**
     * Encodes a value that is not a scalar of {@link Messages} at the offset; returns its length.
     *
     * @throws NotTransferableException if it holds an object that may not travel, or that Jackson cannot write
     */
    static int encode(MemoryBuffer out, int offset, Object value) {
        out.putByte(offset, TYPED);
        BufferOutput cbor = new BufferOutput(out, offset + 1);
        try (JsonGenerator generator = WireCodec.MAPPER.createGenerator(cbor)) {
            new Writer((CBORGenerator) generator).write(value);
        } catch (JacksonException e) {
            throw new NotTransferableException("cannot send a " + value.getClass().getName() + " to another"
                    + " process: " + e.getOriginalMessage(), e);
        }
        return cbor.position - offset;
    }

    /** Decodes a value that {@link #encode} wrote. */
    static Object decode(MemoryBuffer in, int offset, int length) {
        byte[] cbor = new byte[length - 1];
        in.getBytes(offset + 1, cbor);
        try (JsonParser parser = WireCodec.MAPPER.createParser(cbor)) {
            parser.nextToken();
            return new Reader((CBORParser) parser).read();
        }
    }

    private static final class Writer {

        private final CBORGenerator generator;
        private final List<Class<?>> classes = new ArrayList<>(2);

        Writer(CBORGenerator generator) {
            this.generator = generator;
        }

        void write(Object value) {
            if (value == null) {
                generator.writeNull();
            } else if (value instanceof Integer number) {
                generator.writeNumber(number);
            } else if (value instanceof Long number) {
                generator.writeTag(LONG);
                generator.writeNumber(number);
            } else if (value instanceof Double number) {
                generator.writeNumber(number);
            } else if (value instanceof Boolean flag) {
                generator.writeBoolean(flag);
            } else if (value instanceof String text) {
                generator.writeString(text);
            } else if (value instanceof byte[] bytes) {
                generator.writeBinary(bytes);
            } else if (ValueClasses.isProxy(value)) {
                writeObject(value, value.getClass());
            } else if (ManagedInterface.handleOf(value) != null) {
                writeObject(ManagedInterface.handleOf(value), ManagedInterface.Handle.class);
            } else if (value instanceof Collection<?> items) {
                writeArray(collectionKind(items), items);
            } else if (value instanceof Map<?, ?> map) {
                generator.writeTag(mapKind(map));
                generator.writeStartArray();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    write(entry.getKey());
                    write(entry.getValue());
                }
                generator.writeEndArray();
            } else {
                writeObject(value, ValueClasses.travelClass(value));
            }
        }

        private void writeArray(int kind, Collection<?> items) {
            generator.writeTag(kind);
            generator.writeStartArray();
            for (Object item : items) {
                write(item);
            }
            generator.writeEndArray();
        }

        private void writeObject(Object value, Class<?> type) {
            ValueClasses.requireMayTravel(type);
            generator.writeTag(OBJECT);
            generator.writeStartArray();
            int index = classes.indexOf(type);
            if (index < 0) {
                classes.add(type);
                generator.writeString(type.getName());
            } else {
                generator.writeNumber(index);
            }
            WireCodec.MAPPER.writeValue(generator, value);
            generator.writeEndArray();
        }
    }

    private static final class Reader {

        private final CBORParser parser;
        private final List<ObjectReader> classes = new ArrayList<>(2);

        Reader(CBORParser parser) {
            this.parser = parser;
        }

        /** Reads the value at the current token, leaving the parser at its last token. */
        Object read() {
            JsonToken token = parser.currentToken();
            int tag = parser.getCurrentTag();
            return switch (token) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT -> tag == LONG ? parser.getLongValue() : parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_STRING -> parser.getString();
                case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
                case START_ARRAY -> readTagged(tag);
                default -> throw new IllegalStateException("not a message of this version of mproc: " + token);
            };
        }

        private Object readTagged(int tag) {
            return switch (tag) {
                case OBJECT -> readObject();
                case LINKED_HASH_MAP -> readMap(new LinkedHashMap<>());
                case HASH_MAP -> readMap(new HashMap<>());
                case TREE_MAP -> readMap(new TreeMap<>());
                case LINKED_LIST -> readCollection(new LinkedList<>());
                case LINKED_HASH_SET -> readCollection(new LinkedHashSet<>());
                case HASH_SET -> readCollection(new HashSet<>());
                case TREE_SET -> readCollection(new TreeSet<>());
                case ARRAY_LIST -> readCollection(new ArrayList<>());
                default -> throw new IllegalStateException("not a message of this version of mproc: tag " + tag);
            };
        }

        private Collection<Object> readCollection(Collection<Object> items) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read());
            }
            return items;
        }

        private Map<Object, Object> readMap(Map<Object, Object> map) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Object key = read();
                parser.nextToken();
                map.put(key, read());
            }
            return map;
        }

        private Object readObject() {
            ObjectReader reader;
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                reader = ValueClasses.reader(parser.getString());
                classes.add(reader);
            } else {
                int index = parser.getIntValue();
                if (index < 0 || index >= classes.size()) {
                    throw new IllegalStateException("a message refers to class " + index + " of " + classes.size());
                }
                reader = classes.get(index);
            }
            parser.nextToken();
            Object value = reader.readValue(parser);
            parser.nextToken();
            return value instanceof ManagedInterface.Handle handle ? handle.toProxy() : value;
        }
    }

    private static int collectionKind(Collection<?> items) {
        if (items instanceof LinkedList) {
            return LINKED_LIST;
        }
        if (items instanceof SortedSet<?> sorted && sorted.comparator() == null) {
            return TREE_SET;
        }
        if (items instanceof Set) {
            return items.getClass() == HashSet.class ? HASH_SET : LINKED_HASH_SET;
        }
        return ARRAY_LIST;
    }

    private static int mapKind(Map<?, ?> map) {
        if (map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null) {
            return TREE_MAP;
        }
        return map.getClass() == HashMap.class ? HASH_MAP : LINKED_HASH_MAP;
    }

    /** The CBOR, written straight into the message buffer (which grows as needed). */
    private static final class BufferOutput extends OutputStream {

        private final MemoryBuffer out;
        private int position;

        BufferOutput(MemoryBuffer out, int position) {
            this.out = out;
            this.position = position;
        }

        @Override
        public void write(int b) {
            out.putByte(position++, (byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.putBytes(position, bytes, offset, length);
            position += length;
        }
    }
}
