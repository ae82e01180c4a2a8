package io.mproc.runtime;

import io.mproc.NotTransferableException;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.ValueCodec;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * A run of consecutive inputs of one batch, encoded once on the submitting thread: the CBOR bytes of every input
 * back to back, and where each one starts. Chunks are cut from it without encoding again. The bytes are held in
 * pages of 64 KiB, so that a large map neither copies them as they grow nor makes one of G1's humongous arrays.
 * Immutable once built.
 */
final class InputBlock {

    final long firstIndex;
    final int count;
    /** Why the input right after this block (index {@code firstIndex + count}) cannot be sent; null if it can. */
    final NotTransferableException nextUnsendable;
    private final Pages data;
    private final int[] offsets;

    private InputBlock(long firstIndex, int count, Pages data, int[] offsets,
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
        return encode(inputs, limit, Math.min(limit, 1024), firstIndex, function);
    }

    /** Encodes all inputs, sizing the block for a collection's size up front. */
    static InputBlock encodeAll(Iterable<?> inputs, FunctionHandle function) {
        int expected = inputs instanceof Collection<?> collection ? collection.size() : 1024;
        return encode(inputs.iterator(), Integer.MAX_VALUE, expected, 0, function);
    }

    private static InputBlock encode(Iterator<?> inputs, int limit, int expected, long firstIndex,
                                     FunctionHandle function) {
        Pages sink = new Pages();
        int[] offsets = new int[Math.max(2, expected + 1)];
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
        InputBlock block = new InputBlock(firstIndex, count, sink, offsets, unsendable);
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

    /** Appends the bytes of items [from, from + n) to the writer's current frame. */
    void writeItems(int from, int n, FrameWriter writer) {
        data.writeTo(writer, offsets[from], lengthOf(from, n));
    }

    /** Bytes of items [from, from + n). */
    int lengthOf(int from, int n) {
        return offsets[from + n] - offsets[from];
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
        try (JsonParser parser = ValueCodec.parser(data.copyOf(offsets[1]), 0, offsets[1])) {
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

    /** Bytes appended in fixed-size pages, never copied as they grow. */
    private static final class Pages extends OutputStream {
        static final int PAGE_SIZE = 64 * 1024;

        private byte[][] pages = new byte[4][];
        private byte[] page = new byte[256];
        private int pageCount = 1;
        private int position;
        int size;

        Pages() {
            pages[0] = page;
        }

        @Override
        public void write(int b) {
            if (position == page.length) {
                nextPage();
            }
            page[position++] = (byte) b;
            size++;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            while (length > 0) {
                if (position == page.length) {
                    nextPage();
                }
                int n = Math.min(length, page.length - position);
                System.arraycopy(source, offset, page, position, n);
                position += n;
                offset += n;
                length -= n;
                size += n;
            }
        }

        /** A small first page grows to a full one in place, so that a one-input block stays small. */
        private void nextPage() {
            if (pageCount == 1 && page.length < PAGE_SIZE) {
                page = pages[0] = Arrays.copyOf(page, Math.min(PAGE_SIZE, page.length * 4));
                return;
            }
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
            }
            page = pages[pageCount++] = new byte[PAGE_SIZE];
            position = 0;
        }

        void writeTo(FrameWriter writer, int start, int length) {
            while (length > 0) {
                int index = start / PAGE_SIZE;
                int within = start % PAGE_SIZE;
                int n = Math.min(length, pages[index].length - within);
                writer.putBytes(pages[index], within, n);
                start += n;
                length -= n;
            }
        }

        byte[] copyOf(int length) {
            byte[] copy = new byte[length];
            for (int at = 0; at < length; ) {
                byte[] source = pages[at / PAGE_SIZE];
                int n = Math.min(length - at, source.length - at % PAGE_SIZE);
                System.arraycopy(source, at % PAGE_SIZE, copy, at, n);
                at += n;
            }
            return copy;
        }
    }
}
