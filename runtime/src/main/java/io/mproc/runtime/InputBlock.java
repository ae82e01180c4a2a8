package io.mproc.runtime;

import io.mproc.NotTransferableException;
import io.mproc.internal.wire.ValueCodec;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * A run of consecutive inputs of one batch, encoded once on the submitting thread: the CBOR bytes of every input
 * back to back, and where each one starts. Chunks are cut from it without encoding again. Immutable once built.
 */
final class InputBlock {

    final long firstIndex;
    final int count;
    /** Why the input right after this block (index {@code firstIndex + count}) cannot be sent; null if it can. */
    final NotTransferableException nextUnsendable;
    private final byte[] data;
    private final int[] offsets;

    private InputBlock(long firstIndex, int count, byte[] data, int[] offsets,
                       NotTransferableException nextUnsendable) {
        this.firstIndex = firstIndex;
        this.count = count;
        this.data = data;
        this.offsets = offsets;
        this.nextUnsendable = nextUnsendable;
    }

    /**
     * Encodes up to {@code limit} inputs from the iterator; for two-argument functions each input is a
     * {@link Map.Entry} and is encoded as a pair. Stops at the first input that cannot be encoded: the block holds
     * the inputs before it and {@link #nextUnsendable} says why that one cannot be sent.
     *
     * @throws NotTransferableException if input #0 can be encoded but not decoded as the function's argument type
     */
    static InputBlock encode(Iterator<?> inputs, int limit, long firstIndex, FunctionHandle function) {
        Sink sink = new Sink();
        int[] offsets = new int[Math.max(2, Math.min(limit, 1024) + 1)];
        int count = 0;
        NotTransferableException unsendable = null;
        try (JsonGenerator generator = ValueCodec.generator(sink)) {
            while (unsendable == null && count < limit && inputs.hasNext()) {
                Object input = inputs.next();
                try {
                    write(generator, input, function.arity());
                } catch (JacksonException e) {
                    unsendable = cannotEncode(firstIndex + count, input, e);
                    break;
                } catch (NotTransferableException e) {
                    unsendable = e;
                    break;
                }
                count++;
                if (count + 1 > offsets.length) {
                    offsets = Arrays.copyOf(offsets, offsets.length * 2);
                }
                offsets[count] = sink.size + generator.streamWriteOutputBuffered();
            }
        }
        InputBlock block = new InputBlock(firstIndex, count, sink.bytes, offsets, unsendable);
        if (firstIndex == 0 && count > 0) {
            block.checkDecodes(function);
        }
        return block;
    }

    /**
     * This block, when every input read could be encoded.
     *
     * @throws NotTransferableException naming the first input that cannot be sent
     */
    InputBlock requireAllSendable() {
        if (nextUnsendable != null) {
            throw nextUnsendable;
        }
        return this;
    }

    int startOf(int index) {
        return offsets[index];
    }

    /** Bytes of items [from, from + n). */
    int lengthOf(int from, int n) {
        return offsets[from + n] - offsets[from];
    }

    byte[] data() {
        return data;
    }

    private static void write(JsonGenerator generator, Object input, int arity) {
        if (arity == 1) {
            ValueCodec.write(generator, input);
            return;
        }
        if (!(input instanceof Map.Entry<?, ?> pair)) {
            throw new NotTransferableException("starmap needs each input to be a Map.Entry of the two arguments "
                    + "(Map.entry(a, b)), not " + (input == null ? "null" : input.getClass().getName()), null);
        }
        generator.writeStartArray();
        ValueCodec.write(generator, pair.getKey());
        ValueCodec.write(generator, pair.getValue());
        generator.writeEndArray();
    }

    /** Decodes the first input as the function's argument type, so a type that cannot be rebuilt fails here. */
    private void checkDecodes(FunctionHandle function) {
        if (function.arity() != 1) {
            return;
        }
        try (JsonParser parser = ValueCodec.parser(data, 0, offsets[1])) {
            parser.nextToken();
            function.firstArgumentReader.read(parser);
        } catch (JacksonException e) {
            throw new NotTransferableException("input #0 can be encoded but a worker cannot decode it as "
                    + function.definition.argumentTypes().get(0) + ": " + e.getOriginalMessage()
                    + ". Give the input type a constructor Jackson can use (a record works)", e);
        }
    }

    private static NotTransferableException cannotEncode(long index, Object input, JacksonException e) {
        return new NotTransferableException("input #" + index + " (" + input.getClass().getName() + ") cannot be "
                + "sent to a worker: " + e.getOriginalMessage() + ". Inputs travel as Jackson values: use a "
                + "record, a JavaBean with getters, a String, a number or a collection of them", e);
    }

    /** A growable byte array that exposes its buffer. */
    private static final class Sink extends OutputStream {
        byte[] bytes = new byte[256];
        int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + extra, bytes.length * 2));
            }
        }
    }
}
