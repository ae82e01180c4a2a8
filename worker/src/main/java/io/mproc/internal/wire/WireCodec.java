package io.mproc.internal.wire;

import io.mproc.internal.shm.SharedMemoryModule;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.cbor.CBORMapper;

/** The one Jackson mapper for values that cross the wire (CBOR), and the readers and writers made from it. */
public final class WireCodec {

    public static final ObjectMapper MAPPER = CBORMapper.builder()
            .addModule(new SharedMemoryModule())
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    public static final ObjectWriter WRITER = MAPPER.writer();
    public static final ObjectReader ERROR_READER = MAPPER.readerFor(RemoteError.class);

    private WireCodec() {
    }

    /** A reader for values of the given Jackson canonical type. */
    public static ObjectReader readerFor(String canonicalType) {
        return MAPPER.readerFor(MAPPER.getTypeFactory().constructFromCanonical(canonicalType));
    }
}
