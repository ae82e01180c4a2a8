package io.mproc.internal.shm;

import io.mproc.BooleanValue;
import io.mproc.ByteArray;
import io.mproc.DoubleArray;
import io.mproc.DoubleValue;
import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.SharedObject;
import io.mproc.ShortArray;
import io.mproc.ShortValue;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.Version;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Lets shared values and arrays travel in task inputs and results as handles, so that both sides use the same
 * memory. A handle is a small object naming the segment file and the object:
 * <pre>{@code {"segment": "/dev/shm/mproc-4242-9f1c2b7a11d03e55.shm", "name": "counter"}}</pre>
 * Reading one attaches this JVM to the segment (once per JVM, see {@link SharedSegment#attach}) and returns the
 * object of that name, which must be of the declared type: {@link LongValue}, {@link IntValue},
 * {@link DoubleValue}, {@link BooleanValue}, {@link ShortValue}, {@link LongArray}, {@link IntArray},
 * {@link DoubleArray}, {@link ShortArray}, {@link ByteArray}, or
 * {@link SharedObject} for any of them. A handle read in the JVM that wrote it yields the very same object.
 */
public final class SharedMemoryModule extends SimpleModule {

    private static final long serialVersionUID = 1L;
    private static final String SEGMENT_PROPERTY = "segment";
    private static final String NAME_PROPERTY = "name";

    public SharedMemoryModule() {
        super("mproc-shared-memory", Version.unknownVersion());
        addSerializer(AbstractSharedObject.class, new HandleSerializer());
        addDeserializer(SharedObject.class, new HandleDeserializer<>(SharedObject.class, null));
        addDeserializer(LongValue.class, new HandleDeserializer<>(LongValue.class, EntryType.LONG_VALUE));
        addDeserializer(IntValue.class, new HandleDeserializer<>(IntValue.class, EntryType.INT_VALUE));
        addDeserializer(DoubleValue.class, new HandleDeserializer<>(DoubleValue.class, EntryType.DOUBLE_VALUE));
        addDeserializer(BooleanValue.class, new HandleDeserializer<>(BooleanValue.class, EntryType.BOOLEAN_VALUE));
        addDeserializer(LongArray.class, new HandleDeserializer<>(LongArray.class, EntryType.LONG_ARRAY));
        addDeserializer(IntArray.class, new HandleDeserializer<>(IntArray.class, EntryType.INT_ARRAY));
        addDeserializer(DoubleArray.class, new HandleDeserializer<>(DoubleArray.class, EntryType.DOUBLE_ARRAY));
        addDeserializer(ShortValue.class, new HandleDeserializer<>(ShortValue.class, EntryType.SHORT_VALUE));
        addDeserializer(ShortArray.class, new HandleDeserializer<>(ShortArray.class, EntryType.SHORT_ARRAY));
        addDeserializer(ByteArray.class, new HandleDeserializer<>(ByteArray.class, EntryType.BYTE_ARRAY));
    }

    private static final class HandleSerializer extends StdSerializer<AbstractSharedObject> {

        HandleSerializer() {
            super(AbstractSharedObject.class);
        }

        @Override
        public void serialize(AbstractSharedObject object, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject();
            generator.writeStringProperty(SEGMENT_PROPERTY, object.segment().path().toString());
            generator.writeStringProperty(NAME_PROPERTY, object.name());
            generator.writeEndObject();
        }
    }

    private static final class HandleDeserializer<T extends SharedObject> extends StdDeserializer<T> {

        private final Class<T> apiType;
        private final EntryType type;

        /** @param type the type the object must have, or null for any */
        HandleDeserializer(Class<T> apiType, EntryType type) {
            super(apiType);
            this.apiType = apiType;
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            String segment = null;
            String name = null;
            String property;
            if (parser.isExpectedStartObjectToken()) {
                property = parser.nextName();
            } else if (parser.currentToken() == JsonToken.PROPERTY_NAME) {
                property = parser.currentName();
            } else {
                return context.reportInputMismatch(this, "a %s handle is an object with '%s' and '%s', not %s",
                        apiType.getSimpleName(), SEGMENT_PROPERTY, NAME_PROPERTY, parser.currentToken());
            }
            for (; property != null; property = parser.nextName()) {
                parser.nextToken();
                if (SEGMENT_PROPERTY.equals(property)) {
                    segment = parser.getValueAsString();
                } else if (NAME_PROPERTY.equals(property)) {
                    name = parser.getValueAsString();
                } else {
                    parser.skipChildren();
                }
            }
            if (segment == null || name == null) {
                return context.reportInputMismatch(this, "a %s handle needs both '%s' and '%s'",
                        apiType.getSimpleName(), SEGMENT_PROPERTY, NAME_PROPERTY);
            }
            try {
                SharedSegment shared = SharedSegment.attach(Path.of(segment));
                return apiType.cast(type == null ? shared.object(name) : shared.find(name, type));
            } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                throw DatabindException.from(parser, "cannot read " + apiType.getSimpleName() + " '" + name
                        + "': " + e.getMessage(), e);
            }
        }
    }
}
