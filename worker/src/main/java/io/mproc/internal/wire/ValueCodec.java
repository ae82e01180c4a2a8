package io.mproc.internal.wire;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.dataformat.cbor.CBORFactory;

/**
 * Writes and reads the values that cross the wire as CBOR. Numbers, strings, booleans, byte arrays and plain records
 * of them ({@link RecordCodec}) go straight through the streaming layer; every other type goes through Jackson
 * databind ({@link WireCodec}), which is loaded only when such a value first appears. This keeps a worker that
 * handles simple values small and quick to start.
 */
public final class ValueCodec {

    private static final CBORFactory FACTORY = new CBORFactory();

    private static final Map<String, Function<JsonParser, Object>> SCALARS = Map.of(
            "java.lang.Integer", p -> p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null,
            "java.lang.Long", p -> p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null,
            "java.lang.Double", p -> p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : null,
            "java.lang.String", p -> p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : null,
            "java.lang.Boolean", p -> p.currentToken().isBoolean() ? p.getBooleanValue() : null,
            "[B", p -> p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT ? p.getBinaryValue() : null);

    private ValueCodec() {
    }

    /** Reads one value of a type; made once per type and reused. */
    @FunctionalInterface
    public interface Reader {
        /** Reads the value whose first token is the parser's current token. */
        Object read(JsonParser parser);
    }

    public static JsonGenerator generator(OutputStream out) {
        return FACTORY.createGenerator(ObjectWriteContext.empty(), out);
    }

    public static JsonParser parser(byte[] bytes, int offset, int length) {
        return FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length);
    }

    public static void write(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof byte[] bytes) {
            generator.writeBinary(bytes);
        } else {
            RecordCodec record = RecordCodec.of(value.getClass());
            if (record != null) {
                record.write(generator, value);
            } else {
                WireCodec.WRITER.writeValue(generator, value);
            }
        }
    }

    /** The value on its own, as {@link #write} writes it. */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = generator(bytes)) {
            write(generator, value);
        }
        return bytes.toByteArray();
    }

    /** Reads a value that {@link #toBytes} wrote. */
    public static Object fromBytes(byte[] bytes, Reader reader) {
        try (JsonParser parser = parser(bytes, 0, bytes.length)) {
            parser.nextToken();
            return reader.read(parser);
        }
    }

    /** A reader for values of a Jackson canonical type, such as {@code java.lang.Integer}. */
    public static Reader readerFor(String canonicalType) {
        Function<JsonParser, Object> scalar = SCALARS.get(canonicalType);
        if (scalar == null) {
            RecordCodec record = RecordCodec.forName(canonicalType);
            return record != null ? record::read : new DatabindReader(canonicalType);
        }
        DatabindReader fallback = new DatabindReader(canonicalType);
        return parser -> {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            Object value = scalar.apply(parser);
            return value != null ? value : fallback.read(parser);
        };
    }

    /** Reads through databind, building its reader on first use. */
    private static final class DatabindReader implements Reader {
        private final String canonicalType;
        private tools.jackson.databind.ObjectReader reader;

        DatabindReader(String canonicalType) {
            this.canonicalType = canonicalType;
        }

        @Override
        public Object read(JsonParser parser) {
            if (reader == null) {
                reader = WireCodec.readerFor(canonicalType);
            }
            return reader.readValue(parser);
        }
    }
}
